import { Alert, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { CircleCheck, Clock } from 'lucide-react';
import type { DeviceProbeResult } from '../../../../app/api/contract';
import { describeSkew, formatCount, formatWallClock } from '../../lib/format';

function CapacityBar({ label, used, capacity }: { label: string; used: number; capacity: number }) {
  const percent = capacity > 0 ? Math.round((used / capacity) * 100) : 0;
  return (
    <div>
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        <Text size="xs" c="dimmed">
          {formatCount(used)} of {formatCount(capacity)} ({percent}%)
        </Text>
      </Group>
      <Progress value={percent} color={percent >= 90 ? 'red' : percent >= 75 ? 'orange' : 'teal'} aria-label={`${label}: ${percent}% full`} />
    </div>
  );
}

export function ProbeResultView({ result, skewLimit }: { result: DeviceProbeResult; skewLimit: number }) {
  const skewed = Math.abs(result.clockSkewSeconds) > skewLimit;
  return (
    <Alert color="teal" variant="light" icon={<CircleCheck size={18} />} title="Connected to the device" role="status">
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
          <Text size="sm">Serial number: {result.serialNumber || 'none reported'}</Text>
          <Text size="sm">Model: {result.deviceName}</Text>
          <Text size="sm">Firmware: {result.firmware}</Text>
          <Text size="sm">Connection: {result.transportUsed.toUpperCase()}</Text>
        </SimpleGrid>
        {!result.serialNumber && (
          <Text size="sm">This device reports no serial number: Punchbridge will know it by its MAC address, or by an identity it assigns.</Text>
        )}
        <CapacityBar label="People" used={result.userCount} capacity={result.userCapacity} />
        <CapacityBar label="Punches stored" used={result.recordCount} capacity={result.recordCapacity} />
        <Group gap={6} c={skewed ? 'orange' : undefined}>
          <Clock size={16} aria-hidden />
          <Text size="sm">
            Device clock: {formatWallClock(result.deviceTime, { seconds: true })}
            {skewed ? ` — ${describeSkew(result.clockSkewSeconds)} of this computer. Set the device time after saving.` : ' (correct)'}
          </Text>
        </Group>
      </Stack>
    </Alert>
  );
}
