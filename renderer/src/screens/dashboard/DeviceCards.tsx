import { Alert, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Clock } from 'lucide-react';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { DeviceStatusBadge } from '../../components/DeviceStatusBadge';
import { ErrorState, LoadingState } from '../../components/states';
import { describeSkew, formatWallClock } from '../../lib/format';
import { LogFillBar } from './LogFillBar';

export function DeviceCards() {
  const backend = useBackend();
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const settings = useQuery({ queryKey: queryKeys.syncSettings, queryFn: () => backend.getSyncSettings() });
  const skewLimit = settings.data?.clockSkewWarningSeconds ?? 120;

  return (
    <section aria-labelledby="device-cards-title">
      <Title order={3} size="h4" id="device-cards-title" mb="sm">
        Devices
      </Title>
      {devices.isPending ? (
        <LoadingState label="Loading devices…" />
      ) : devices.isError ? (
        <ErrorState error={devices.error} onRetry={() => void devices.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 2, xl: 4 }} spacing="md">
          {devices.data.map((device) => (
            <Card key={device.id} withBorder padding="md">
              <Text fw={600} lineClamp={2} title={device.name}>
                {device.name}
              </Text>
              <Group justify="space-between" wrap="nowrap" gap="xs" mt={4}>
                <Text size="xs" c="dimmed" truncate>
                  {device.host}:{device.port}
                </Text>
                <DeviceStatusBadge status={device.enabled ? device.status : 'disabled'} />
              </Group>
              <Text size="sm" mt="xs">
                Last read: {formatWallClock(device.lastReadAt)}
              </Text>
              <LogFillBar device={device} />
              {device.lastError && (
                <Text size="sm" c="red" mt={4}>
                  {device.lastError.message}
                </Text>
              )}
              {device.clockSkewSeconds !== null && Math.abs(device.clockSkewSeconds) > skewLimit && (
                <Alert color="orange" variant="light" p="xs" mt="xs" icon={<Clock size={16} />}>
                  <Text size="xs">The device clock is {describeSkew(device.clockSkewSeconds)}. Set its time under Devices.</Text>
                </Alert>
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
