// Changes already queued for a push (ADMS) terminal that it has not answered yet: the preview does
// not offer them again, and says since when each has waited, so a terminal that stopped polling shows.
import { List, Stack, Text, Title } from '@mantine/core';
import type { DeviceUserPreview, WaitingDeviceUserChange } from '../../../../app/api/contract';
import { formatWallClock } from '../../lib/format';
import { describeChange } from './DeviceUserChanges';

export function describeWaiting(entry: WaitingDeviceUserChange): string {
  const since = formatWallClock(entry.since);
  return `queued ${since}; ${entry.sent ? 'fetched by the device, no answer yet' : 'not fetched by the device yet'}`;
}

export function WaitingForTerminal({ devices }: { devices: DeviceUserPreview[] }) {
  const waiting = devices.filter((device) => device.waiting.length > 0);
  if (waiting.length === 0) return null;
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        Waiting for the device
      </Title>
      <Text size="sm" c="dimmed">
        Already sent to these devices&apos; command queues. A push device runs them when it next asks for commands; they are not proposed again.
      </Text>
      {waiting.map((device) => (
        <Stack key={device.deviceId} gap={6}>
          <Title order={4} size="h5">
            {device.deviceName}
          </Title>
          <List size="sm" spacing={4}>
            {device.waiting.map((entry) => (
              <List.Item key={`${entry.kind}/${entry.userId}/${entry.since}`}>
                <Text size="sm" span>
                  {describeChange(entry)}
                </Text>{' '}
                <Text size="sm" span c="dimmed">
                  ({entry.employee}): {describeWaiting(entry)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      ))}
    </Stack>
  );
}
