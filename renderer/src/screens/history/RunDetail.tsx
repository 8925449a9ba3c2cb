import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, TriangleAlert } from 'lucide-react';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { RunOutcomeBadge } from '../../components/DeviceStatusBadge';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert, EmptyMessage, ErrorState, LoadingState } from '../../components/states';
import { describeDeviceIdentity } from '../../lib/device-identity';
import { describeSkew, durationBetween, formatCount, formatDuration, formatWallClock } from '../../lib/format';
import { hrefFor } from '../../shell/router';
import { TRIGGER_LABELS } from './RunList';

export function RunDetail({ id }: { id: number }) {
  const backend = useBackend();
  const run = useQuery({ queryKey: queryKeys.run(id), queryFn: () => backend.getRun({ id }) });
  const back = (
    <Anchor href={hrefFor('/history')} size="sm">
      <Group gap={4}>
        <ArrowLeft size={14} /> All syncs
      </Group>
    </Anchor>
  );
  if (run.isPending) return <LoadingState label="Loading this sync…" />;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => void run.refetch()} title="This sync could not be loaded" />;
  if (!run.data) return <EmptyMessage title="This sync is no longer in the history" description="Older syncs are removed after a while.">{back}</EmptyMessage>;
  const summary = run.data;
  const counts: [string, number][] = [
    ['Read from devices', summary.counts.read],
    ['New', summary.counts.new],
    ['Sent to ERPNext', summary.counts.synced],
    ['Already in ERPNext', summary.counts.duplicates],
    ['No employee', summary.counts.unmatched],
    ['Refused', summary.counts.rejected],
    ['To retry', summary.counts.failed],
  ];
  return (
    <Stack gap="md">
      {back}
      <PageHeader title={`Sync of ${formatWallClock(summary.startedAt)}`} description={`${TRIGGER_LABELS[summary.trigger]} · took ${durationBetween(summary.startedAt, summary.finishedAt)}`} actions={<RunOutcomeBadge outcome={summary.outcome} />} />
      {summary.errors.map((error, index) => (
        <ApiErrorAlert key={index} error={error} />
      ))}
      {summary.warnings.map((warning, index) => (
        <Alert key={index} color="orange" variant="light" icon={<TriangleAlert size={16} />}>
          {warning}
        </Alert>
      ))}
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 4, lg: 7 }} spacing="sm">
          {counts.map(([label, value]) => (
            <div key={label}>
              <Text size="lg" fw={700}>
                {formatCount(value)}
              </Text>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Card>
      <Title order={3} size="h4">
        Devices
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label="Devices in this sync">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Device</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th ta="right">Read</Table.Th>
              <Table.Th ta="right">New</Table.Th>
              <Table.Th>Cleared</Table.Th>
              <Table.Th>Clock</Table.Th>
              <Table.Th>Took</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.devices.map((device) => (
              <Table.Tr key={device.deviceId}>
                <Table.Td maw={280}>
                  <Text size="sm" fw={500} lineClamp={2}>
                    {device.deviceName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {device.serialNumber ? describeDeviceIdentity(device.serialNumber).text : 'Serial number not read'}
                  </Text>
                </Table.Td>
                <Table.Td maw={320}>
                  {device.ok ? (
                    <Text size="sm" c="teal">
                      Read
                    </Text>
                  ) : (
                    <>
                      <Text size="sm" c="red">
                        {device.error?.message ?? 'Failed'}
                      </Text>
                      {device.error && (
                        <Text size="xs" c="dimmed">
                          {device.error.action}
                        </Text>
                      )}
                    </>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatCount(device.read)}</Table.Td>
                <Table.Td ta="right">{formatCount(device.new)}</Table.Td>
                <Table.Td>{device.cleared ? 'Yes' : 'No'}</Table.Td>
                <Table.Td>{device.clockSkewSeconds === null ? '—' : Math.abs(device.clockSkewSeconds) < 5 ? 'Correct' : describeSkew(device.clockSkewSeconds)}</Table.Td>
                <Table.Td>{formatDuration(device.durationMs)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
