import { Button, Loader, SimpleGrid, Stack, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pause, Play, RefreshCw } from 'lucide-react';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { AttentionList } from './AttentionList';
import { DeviceCards } from './DeviceCards';
import { FirstRunSteps } from './FirstRunSteps';
import { LastRunCard } from './LastRunCard';
import { PunchActivityCard } from './PunchActivityCard';
import { PushStopBanner } from './PushStopBanner';
import { StateCounts } from './StateCounts';
import { SyncProgressPanel } from './SyncProgressPanel';

export function DashboardScreen() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.status, queryFn: () => backend.getStatus() });

  const sync = useMutation({
    mutationFn: () => backend.syncNow(),
    onSuccess: (result) => {
      if (!result.ok) notifications.show({ color: 'red', title: result.error.message, message: result.error.action, autoClose: 12_000 });
      void queryClient.invalidateQueries();
    },
  });
  const pause = useMutation({
    mutationFn: (paused: boolean) => backend.setPaused({ paused }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.status }),
  });

  if (status.isPending) return <LoadingState label="Loading the dashboard…" />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} title="The dashboard could not be loaded" />;
  const current = status.data;
  const ready = current.erpnextConfigured && current.devicesConfigured;
  const syncing = current.running || sync.isPending;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Dashboard"
        description="Punches from your devices, on their way to ERPNext."
        actions={
          <>
            <Button
              variant="default"
              leftSection={current.paused ? <Play size={16} /> : <Pause size={16} />}
              loading={pause.isPending}
              onClick={() => pause.mutate(!current.paused)}
            >
              {current.paused ? 'Resume automatic sync' : 'Pause automatic sync'}
            </Button>
            <Tooltip label="Connect ERPNext and add a device first: the steps below show how" disabled={ready} multiline maw={260}>
              {/* A disabled button gets no pointer events: the wrapper carries the tooltip. */}
              <span>
                <Button leftSection={syncing ? <Loader size={14} color="gray" /> : <RefreshCw size={16} />} disabled={!ready || syncing} onClick={() => sync.mutate()}>
                  {syncing ? 'Syncing…' : 'Sync now'}
                </Button>
              </span>
            </Tooltip>
          </>
        }
      />
      {current.pushStop && <PushStopBanner stop={current.pushStop} />}
      {!ready && <FirstRunSteps erpnextConfigured={current.erpnextConfigured} devicesConfigured={current.devicesConfigured} />}
      {/* Before any device is added, a startup sync's complaints repeat what the steps above say. */}
      {current.devicesConfigured && <AttentionList items={current.attention} />}
      {current.progress && <SyncProgressPanel progress={current.progress} />}
      {(ready || (current.lastRun && current.devicesConfigured)) && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <LastRunCard run={current.lastRun} schedule={current} />
          <StateCounts counts={current.counts} />
        </SimpleGrid>
      )}
      {current.devicesConfigured && <PunchActivityCard />}
      {current.devicesConfigured && <DeviceCards />}
    </Stack>
  );
}
