// The changes a preview proposes, per device, each one chosen or not before anything is written.
import { Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import type { DeviceUserChange, DeviceUserPreview, WaitingDeviceUserChange } from '../../../../app/api/contract';

export const changeKey = (deviceId: string, change: Pick<DeviceUserChange, 'kind' | 'userId'>) => `${deviceId}:${change.kind}:${change.userId}`;

export function describeChange(change: DeviceUserChange): string {
  if (change.kind === 'add') return `Add ${change.userId} as "${change.name}"`;
  if (change.kind === 'rename') return `Rename ${change.userId} from "${change.previousName}" to "${change.name}"`;
  return `Remove ${change.userId} "${change.name}" (left)`;
}

/** A wish that contradicts a queued change: the device runs its queue in order (see WaitingForTerminal). */
function afterWaiting(waiting: WaitingDeviceUserChange): string {
  return waiting.sent ? 'runs after the change the device has fetched and not answered yet' : 'replaces the change still waiting for the device';
}

export interface DeviceUserChangesProps {
  devices: DeviceUserPreview[];
  chosen: ReadonlySet<string>;
  onToggle: (key: string, chosen: boolean) => void;
}

export function DeviceUserChanges({ devices, chosen, onToggle }: DeviceUserChangesProps) {
  return (
    <Stack gap="md">
      {devices
        .filter((device) => device.changes.length > 0 || device.skipped.length > 0)
        .map((device) => (
          <Stack key={device.deviceId} gap={6}>
            <Title order={4} size="h5">
              {device.deviceName}
            </Title>
            {device.changes.map((change) => {
              const key = changeKey(device.deviceId, change);
              const waiting = device.waiting.findLast((entry) => entry.userId === change.userId);
              return (
                <Checkbox
                  key={key}
                  checked={chosen.has(key)}
                  onChange={(event) => onToggle(key, event.currentTarget.checked)}
                  label={describeChange(change)}
                  description={waiting ? `${change.employee} · ${afterWaiting(waiting)}` : change.employee}
                  color={change.kind === 'remove' ? 'red' : undefined}
                />
              );
            })}
            {device.skipped.map((skipped) => (
              <Group key={`${skipped.employee}/${skipped.userId}`} gap={6} wrap="nowrap">
                <Text size="sm" c="dimmed">
                  Left alone: {skipped.userId} ({skipped.employee}), {skipped.reason}.
                </Text>
              </Group>
            ))}
          </Stack>
        ))}
    </Stack>
  );
}
