// "On the devices": ERPNext's employees against each terminal's users, the changes that would
// enrol them (always previewed first), and applying the ones the person keeps ticked.
import { useState } from 'react';
import { Button, Checkbox, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RefreshCw, UserPlus } from 'lucide-react';
import type { DeviceUserOutcome, DeviceUserOverview, Result } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { ApiErrorAlert, EmptyMessage, LoadingState } from '../../components/states';
import { plural } from '../../lib/format';
import { changeKey, describeChange, DeviceUserChanges } from './DeviceUserChanges';
import { WaitingForTerminal } from './WaitingForTerminal';
import { OnDevicesTable } from './OnDevicesTable';

export function describeOutcome(outcomes: DeviceUserOutcome[]): { done: number; queued: number; notDone: number } {
  const results = outcomes.flatMap((device) => device.results);
  const done = results.filter((result) => result.outcome === 'done').length;
  const queued = results.filter((result) => result.outcome === 'queued').length;
  return { done, queued, notDone: results.length - done - queued };
}

function outcomeMessage({ queued, notDone }: ReturnType<typeof describeOutcome>): string {
  if (queued === 0 && notDone === 0) return 'Each one was checked on the device afterwards. History lists them.';
  const parts: string[] = [];
  if (queued > 0) parts.push(`${plural(queued, 'change')} queued for push devices, made when each device next asks for commands.`);
  if (notDone > 0) parts.push(`${plural(notDone, 'change')} could not be confirmed; preview again to see what is still needed.`);
  return parts.join(' ');
}

export function OnDevicesPanel() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [removeLeft, setRemoveLeft] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);

  const preview = useMutation({
    mutationFn: (withLeavers: boolean) => backend.previewDeviceUsers({ removeLeft: withLeavers }),
    onSuccess: (result: Result<DeviceUserOverview>) => {
      if (result.ok) setChosen(new Set(result.value.devices.flatMap((device) => device.changes.map((change) => changeKey(device.deviceId, change)))));
    },
  });
  const overview = preview.data?.ok ? preview.data.value : null;
  const changes = (overview?.devices ?? []).flatMap((device) => device.changes.map((change) => ({ deviceId: device.deviceId, deviceName: device.deviceName, change })));
  const waitingCount = (overview?.devices ?? []).reduce((count, device) => count + device.waiting.length, 0);
  const approved = changes.filter(({ deviceId, change }) => chosen.has(changeKey(deviceId, change)));
  const removals = approved.filter(({ change }) => change.kind === 'remove');

  const apply = useMutation({
    mutationFn: () => backend.applyDeviceUsers({ removeLeft, approved: approved.map(({ deviceId, change }) => ({ deviceId, kind: change.kind, userId: change.userId })) }),
    onSuccess: (result: Result<DeviceUserOutcome[]>) => {
      setConfirming(false);
      if (!result.ok) {
        notifications.show({ color: 'red', title: result.error.message, message: result.error.action, autoClose: 12_000 });
        return;
      }
      const counts = describeOutcome(result.value);
      notifications.show({
        color: counts.notDone === 0 ? 'teal' : 'orange',
        title: `${plural(counts.done, 'change')} made on the devices`,
        message: outcomeMessage(counts),
        autoClose: 10_000,
      });
      for (const device of result.value) {
        if (device.error) notifications.show({ color: 'red', title: `${device.deviceName}: ${device.error.message}`, message: device.error.action, autoClose: false });
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.deviceUserChanges });
      preview.mutate(removeLeft);
    },
  });

  const start = () => (removals.length > 0 ? setConfirming(true) : apply.mutate());

  return (
    <Stack gap="md">
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={560}>
          Compare ERPNext's employees with the people on each device. Nothing is written to a device until you apply the changes you keep ticked.
        </Text>
        <Group gap="sm">
          <Checkbox
            label="Also remove people who left"
            checked={removeLeft}
            onChange={(event) => {
              setRemoveLeft(event.currentTarget.checked);
              if (overview || preview.isPending) preview.mutate(event.currentTarget.checked);
            }}
          />
          <Button size="sm" variant="default" leftSection={<RefreshCw size={14} />} loading={preview.isPending} onClick={() => preview.mutate(removeLeft)}>
            {overview ? 'Check again' : 'Check the devices'}
          </Button>
        </Group>
      </Group>

      {preview.isPending && !overview && <LoadingState label="Reading the devices and ERPNext…" />}
      {preview.data && !preview.data.ok && <ApiErrorAlert error={preview.data.error} />}
      {preview.isError && <ApiErrorAlert error={{ code: 'preview-failed', message: 'The devices could not be compared.', action: 'Try again.' }} />}
      {overview?.devices
        .filter((device) => device.error)
        .map((device) => <ApiErrorAlert key={device.deviceId} title={`${device.deviceName} could not be read`} error={device.error!} />)}

      {overview && (
        <>
          {changes.length === 0 ? (
            waitingCount > 0 ? (
              <EmptyMessage title="Nothing more to change" description={`${plural(waitingCount, 'change')} sent earlier ${waitingCount === 1 ? 'is' : 'are'} waiting for the devices (below); everything else is up to date.`} icon={<UserPlus size={28} />} />
            ) : (
              <EmptyMessage title="The devices are up to date" description="Every active employee with an Attendance Device ID is on every device, under their ERPNext name." icon={<UserPlus size={28} />} />
            )
          ) : (
            <Group gap="sm" aria-live="polite">
              <Button leftSection={<UserPlus size={16} />} disabled={approved.length === 0} loading={apply.isPending} onClick={start}>
                Apply {plural(approved.length, 'change')}
              </Button>
              <Text size="sm" c="dimmed">
                {approved.length} of {plural(changes.length, 'proposed change')} ticked below.
              </Text>
            </Group>
          )}
          <Title order={3} size="h4">
            Who is on which device
          </Title>
          <OnDevicesTable overview={overview} />
          {changes.length > 0 && (
            <>
              <Title order={3} size="h4">
                Changes to make
              </Title>
              <DeviceUserChanges
                devices={overview.devices}
                chosen={chosen}
                onToggle={(key, keep) =>
                  setChosen((current) => {
                    const next = new Set(current);
                    if (keep) next.add(key);
                    else next.delete(key);
                    return next;
                  })
                }
              />
            </>
          )}
          <WaitingForTerminal devices={overview.devices} />
        </>
      )}

      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Remove people from the devices?" centered>
        <Stack gap="sm">
          <Text size="sm">These people left or are inactive in ERPNext. They will no longer be able to punch on these devices, and their fingerprints there are deleted:</Text>
          <List size="sm" spacing={4}>
            {removals.map(({ deviceId, deviceName, change }) => (
              <List.Item key={changeKey(deviceId, change)}>
                {deviceName}: {describeChange(change)}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" loading={apply.isPending} onClick={() => apply.mutate()}>
              Apply, including {plural(removals.length, 'removal')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
