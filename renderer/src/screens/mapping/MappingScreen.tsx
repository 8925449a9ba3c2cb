import { useState } from 'react';
import { Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CloudUpload, Link2, UserCheck } from 'lucide-react';
import type { EmployeeSummary, MapUsersOutcome, Result, UnmatchedUser } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { PageHeader } from '../../components/PageHeader';
import { EmptyMessage, ErrorState, LoadingState } from '../../components/states';
import { plural } from '../../lib/format';
import { NoDevicesYet, useHasDevices } from '../../components/NoDevicesYet';
import { MappingsTable } from './MappingsTable';
import { ReplaceDeviceIdModal, type DeviceIdReplacement } from './ReplaceDeviceIdModal';
import { OnDevicesPanel } from './OnDevicesPanel';
import { UnmatchedTable, unmatchedKey } from './UnmatchedTable';

export function describeMapOutcome(outcome: MapUsersOutcome): string {
  const linked = `${plural(outcome.mapped, 'person', 'people')} linked. `;
  const queued = outcome.requeued > 0 ? `${plural(outcome.requeued, 'held punch', 'held punches')} went back to the queue and will be sent at the next sync.` : 'No punches were waiting for them.';
  return linked + queued;
}

const UNLINKED_NOTE = 'Their punches not yet sent wait for a new link. Punches already sent stay in ERPNext as checkins of that employee: delete them there if the link was wrong.';

export function MappingScreen() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const unmatched = useQuery({ queryKey: queryKeys.unmatched, queryFn: () => backend.listUnmatchedUsers() });
  const mappings = useQuery({ queryKey: queryKeys.mappings, queryFn: () => backend.listMappings() });
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const deviceNames = new Map((devices.data ?? []).map((device) => [device.id, device.name]));
  const hasDevices = useHasDevices();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [chosen, setChosen] = useState<Map<string, EmployeeSummary>>(new Map());
  const [replacements, setReplacements] = useState<DeviceIdReplacement[]>([]);

  const users = unmatched.data ?? [];
  const picked = users.filter((user) => selected.has(unmatchedKey(user)));
  const missing = picked.filter((user) => !chosen.has(unmatchedKey(user)));

  const refresh = () => {
    for (const key of [queryKeys.unmatched, queryKeys.mappings, queryKeys.status, queryKeys.punchesVersion]) void queryClient.invalidateQueries({ queryKey: key });
  };
  const map = useMutation({
    mutationFn: (writeToErpnext: boolean) =>
      backend.mapUsers({
        writeToErpnext,
        mappings: picked.map((user) => ({ userId: user.userId, deviceId: writeToErpnext ? null : user.deviceId, employee: chosen.get(unmatchedKey(user))!.name })),
      }),
    onSuccess: (result: Result<MapUsersOutcome>) => {
      if (!result.ok) {
        notifications.show({ color: 'red', title: result.error.message, message: result.error.action, autoClose: 12_000 });
        return;
      }
      notifications.show({ color: 'teal', title: 'Linked', message: describeMapOutcome(result.value), autoClose: 10_000 });
      for (const failure of result.value.failures) {
        notifications.show({ color: 'red', title: `User ${failure.userId}: ${failure.error.message}`, message: failure.error.action, autoClose: false });
      }
      setSelected(new Set());
      setReplacements([]);
      refresh();
    },
  });
  const saveToErpnext = () => {
    const replacing = deviceIdReplacements(picked, chosen);
    if (replacing.length > 0) setReplacements(replacing);
    else map.mutate(true);
  };
  const unmap = useMutation({
    mutationFn: (input: { userId: string; deviceId: string | null }) => backend.unmapUser(input),
    onSuccess: (result, { userId }) => {
      if (!result.ok) notifications.show({ color: 'red', title: result.error.message, message: result.error.action, autoClose: 12_000 });
      else notifications.show({ color: 'teal', title: `User ${userId} unlinked`, message: UNLINKED_NOTE, autoClose: 12_000 });
      refresh();
    },
  });

  return (
    <Stack gap="md">
      <PageHeader title="Employee mapping" description="Tell Punchbridge who each person on the devices is, so their punches reach the right employee in ERPNext." />
      <Tabs defaultValue="unmatched" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="unmatched" rightSection={users.length ? <Badge size="sm" color="orange" circle={users.length < 10}>{users.length}</Badge> : null}>
            Not linked yet
          </Tabs.Tab>
          <Tabs.Tab value="mapped">Linked</Tabs.Tab>
          <Tabs.Tab value="on-devices">On the devices</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="unmatched" pt="md">
          {unmatched.isPending ? (
            <LoadingState label="Loading people from the devices…" />
          ) : unmatched.isError ? (
            <ErrorState error={unmatched.error} onRetry={() => void unmatched.refetch()} title="The list could not be loaded" />
          ) : users.length === 0 && !hasDevices ? (
            <NoDevicesYet what="People who punch on a device but are not linked to an employee" />
          ) : users.length === 0 ? (
            <EmptyMessage title="Everyone is linked" description="Every person who punched on a device is linked to an employee. New people appear here after a sync." icon={<UserCheck size={28} />} />
          ) : (
            <Stack gap="sm">
              <Group gap="sm" mih={36} aria-live="polite">
                {picked.length > 0 ? (
                  <>
                    <Text size="sm" fw={500}>
                      {plural(picked.length, 'person', 'people')} selected
                    </Text>
                    <Button size="xs" leftSection={<CloudUpload size={14} />} disabled={missing.length > 0} loading={map.isPending && map.variables} onClick={saveToErpnext}>
                      Save to ERPNext
                    </Button>
                    <Button size="xs" variant="default" leftSection={<Link2 size={14} />} disabled={missing.length > 0} loading={map.isPending && !map.variables} onClick={() => map.mutate(false)}>
                      Map in Punchbridge only
                    </Button>
                    {missing.length > 0 && (
                      <Text size="sm" c="orange">
                        Choose an employee for {plural(missing.length, 'selected person', 'selected people')} first.
                      </Text>
                    )}
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    Choose the employee for each person, select them, then save. "Save to ERPNext" fills in the employee's Attendance Device ID.
                  </Text>
                )}
              </Group>
              <UnmatchedTable
                users={users}
                selected={selected}
                chosen={chosen}
                onToggle={(key, select) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (select) next.add(key);
                    else next.delete(key);
                    return next;
                  })
                }
                onToggleAll={(select) => setSelected(select ? new Set(users.map(unmatchedKey)) : new Set())}
                onChoose={(key, employee) =>
                  setChosen((current) => {
                    const next = new Map(current);
                    if (employee) next.set(key, employee);
                    else next.delete(key);
                    return next;
                  })
                }
              />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="mapped" pt="md">
          {mappings.isPending ? (
            <LoadingState label="Loading links…" />
          ) : mappings.isError ? (
            <ErrorState error={mappings.error} onRetry={() => void mappings.refetch()} />
          ) : mappings.data.length === 0 ? (
            <EmptyMessage title="No links made yet" description="People you link on the Not linked yet tab are listed here, whether the link is kept in ERPNext or in Punchbridge only, and can be unlinked." />
          ) : (
            <MappingsTable mappings={mappings.data} deviceNames={deviceNames} removing={unmap.isPending ? (unmap.variables ?? null) : null} onUnmap={(mapping) => unmap.mutate({ userId: mapping.userId, deviceId: mapping.deviceId })} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="on-devices" pt="md">
          <OnDevicesPanel />
        </Tabs.Panel>
      </Tabs>
      <ReplaceDeviceIdModal replacements={replacements} saving={map.isPending} onConfirm={() => map.mutate(true)} onCancel={() => setReplacements([])} />
    </Stack>
  );
}

/** The chosen employees whose Attendance Device ID in ERPNext is another one. */
function deviceIdReplacements(picked: readonly UnmatchedUser[], chosen: ReadonlyMap<string, EmployeeSummary>): DeviceIdReplacement[] {
  return picked.flatMap((user) => {
    const employee = chosen.get(unmatchedKey(user));
    const current = employee?.attendanceDeviceId ?? '';
    if (!employee || current === '' || current === user.userId) return [];
    return [{ userId: user.userId, employee: employee.name, employeeName: employee.employeeName, currentDeviceId: current }];
  });
}
