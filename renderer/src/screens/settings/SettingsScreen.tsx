import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { ErpnextCard } from './ErpnextCard';
import { PreferencesCard } from './PreferencesCard';
import { ScheduleCard } from './ScheduleCard';
import { SyncCard } from './SyncCard';

export function SettingsScreen() {
  const backend = useBackend();
  const erpnext = useQuery({ queryKey: queryKeys.erpnext, queryFn: () => backend.getErpnextSettings() });
  const schedule = useQuery({ queryKey: queryKeys.schedule, queryFn: () => backend.getSchedule() });
  const sync = useQuery({ queryKey: queryKeys.syncSettings, queryFn: () => backend.getSyncSettings() });
  const preferences = useQuery({ queryKey: queryKeys.preferences, queryFn: () => backend.getPreferences() });
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const status = useQuery({ queryKey: queryKeys.status, queryFn: () => backend.getStatus() });
  const all = [erpnext, schedule, sync, preferences, devices];
  const failed = all.find((query) => query.isError);

  return (
    <Stack gap="lg">
      <PageHeader title="Settings" description="Where punches go, and when." />
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => all.forEach((query) => void query.refetch())} title="The settings could not be loaded" />
      ) : !erpnext.isSuccess || !schedule.data || !sync.data || !preferences.data || !devices.data ? (
        <LoadingState label="Loading settings…" />
      ) : (
        <>
          <ErpnextCard settings={erpnext.data ?? null} />
          <ScheduleCard key={`${schedule.data.intervalMinutes}-${schedule.data.runAtStart}`} schedule={schedule.data} />
          <SyncCard settings={sync.data} devices={devices.data} />
          <PreferencesCard preferences={preferences.data} desktop={status.data?.mode === 'desktop'} />
        </>
      )}
    </Stack>
  );
}
