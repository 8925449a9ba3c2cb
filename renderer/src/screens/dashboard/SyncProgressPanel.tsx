import { Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { DevicePhase, DeviceProgress, RunProgress } from '../../../../app/api/contract';
import { formatBytes, formatCount } from '../../lib/format';

const PHASE_LABELS: Record<DevicePhase, string> = {
  waiting: 'Waiting',
  connecting: 'Connecting',
  'reading-users': 'Reading people',
  'reading-records': 'Reading punches',
  saving: 'Saving',
  clearing: 'Clearing the device',
  done: 'Done',
  failed: 'Failed',
};

function deviceFraction(device: DeviceProgress): number {
  if (device.phase === 'done' || device.phase === 'failed') return 100;
  if (device.bytesTotal > 0) return Math.round((device.bytesRead / device.bytesTotal) * 100);
  return device.phase === 'waiting' ? 0 : 5;
}

export function SyncProgressPanel({ progress }: { progress: RunProgress }) {
  const push = progress.push;
  return (
    <Card withBorder padding="lg" aria-labelledby="sync-progress-title">
      <Title order={3} size="h4" id="sync-progress-title" mb="sm">
        Syncing now
      </Title>
      <Stack gap="sm">
        {progress.devices.map((device) => (
          <div key={device.deviceId}>
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm" fw={500} truncate>
                {device.deviceName}
              </Text>
              <Text size="xs" c={device.phase === 'failed' ? 'red' : 'dimmed'} style={{ flexShrink: 0 }}>
                {PHASE_LABELS[device.phase]}
                {device.bytesTotal > 0 && device.phase !== 'done' ? ` · ${formatBytes(device.bytesRead)} of ${formatBytes(device.bytesTotal)}` : ''}
              </Text>
            </Group>
            <Progress
              value={deviceFraction(device)}
              color={device.phase === 'failed' ? 'red' : device.phase === 'done' ? 'teal' : 'blue'}
              animated={device.phase !== 'done' && device.phase !== 'failed'}
              aria-label={`${device.deviceName}: ${PHASE_LABELS[device.phase]}`}
            />
          </div>
        ))}
        <div>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              Sending to ERPNext
            </Text>
            <Text size="xs" c="dimmed">
              {push.total > 0 ? `${formatCount(push.done)} of ${formatCount(push.total)} punches` : 'Waiting for the devices'}
            </Text>
          </Group>
          <Progress value={push.total > 0 ? (push.done / push.total) * 100 : 0} aria-label="Punches sent to ERPNext" />
        </div>
      </Stack>
    </Card>
  );
}
