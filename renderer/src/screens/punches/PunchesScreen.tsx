import { useEffect, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Ban, Download, ListChecks, RotateCw } from 'lucide-react';
import type { EmployeeSummary, Punch } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { PageHeader } from '../../components/PageHeader';
import { EmptyMessage, ErrorState, LoadingState } from '../../components/states';
import { downloadText } from '../../lib/download';
import { formatCount, plural } from '../../lib/format';
import { replaceRoute, useRoute } from '../../shell/router';
import { NoDevicesYet, useHasDevices } from '../../components/NoDevicesYet';
import { PunchDetail } from './PunchDetail';
import { PunchFiltersBar } from './PunchFiltersBar';
import { PunchTable } from './PunchTable';
import { RefusalGroups } from './RefusalGroups';
import { filtersFromParams, filtersToParams, filtersToQuery, hasFilters, type PunchFilters } from './punch-filters';
import { usePunchPages } from './use-punch-pages';

const EVERY_PUNCH = { has: () => true };

export function PunchesScreen() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const route = useRoute();
  const filters = filtersFromParams(route.params);
  const query = filtersToQuery(filters);
  // Starts at 0 without a fetch; invalidating the key (after a sync, retry or mapping) moves it on.
  const version = useQuery({ queryKey: queryKeys.punchesVersion, queryFn: () => Date.now(), initialData: 0, staleTime: Infinity });
  const cache = usePunchPages(query, version.data);
  const arrived = useQuery({ queryKey: queryKeys.punchesArrived, queryFn: () => Date.now(), initialData: 0, staleTime: Infinity });
  useEffect(() => {
    if (arrived.data) cache.refresh();
  }, [arrived.data, cache]);
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const hasDevices = useHasDevices();
  const [employee, setEmployee] = useState<EmployeeSummary | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  // "Select all": every punch the filters match, also those not loaded yet.
  const [allMatching, setAllMatching] = useState(false);
  const [open, setOpen] = useState<Punch | null>(null);

  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const setFilters = (next: PunchFilters) => {
    clearSelection();
    replaceRoute('/punches', filtersToParams(next));
  };
  const toggle = (punch: Punch) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(punch.id)) next.add(punch.id);
      return next;
    });
  };
  const toggleLoaded = (punches: Punch[], select: boolean) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      for (const punch of punches) {
        if (select) next.add(punch.id);
        else next.delete(punch.id);
      }
      return next;
    });
  };
  const selection = () => (allMatching ? { filter: query } : { ids: [...selected] });
  const afterChange = () => {
    clearSelection();
    void queryClient.invalidateQueries({ queryKey: queryKeys.punchesVersion });
    void queryClient.invalidateQueries({ queryKey: queryKeys.status });
    void queryClient.invalidateQueries({ queryKey: queryKeys.refusals });
  };
  const onlyRefused = filters.states.length === 1 && filters.states[0] === 'rejected';

  const retry = useMutation({
    mutationFn: () => backend.retryPunches(selection()),
    onSuccess: (result) => {
      if (result.ok && result.value.requeued === 0) notifications.show({ color: 'gray', message: 'Nothing to send again: the selected punches are already in ERPNext or waiting to be sent.' });
      else if (result.ok) notifications.show({ color: 'teal', message: `${plural(result.value.requeued, 'punch', 'punches')} will be sent again at the next sync.` });
      else notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      afterChange();
    },
  });
  const ignore = useMutation({
    mutationFn: () => backend.ignorePunches(selection()),
    onSuccess: (result) => {
      if (result.ok) notifications.show({ color: 'teal', message: `${plural(result.value.ignored, 'punch', 'punches')} will not be sent to ERPNext.` });
      else notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      afterChange();
    },
  });
  const exportCsv = useMutation({
    mutationFn: () => backend.exportPunchesCsv(query),
    onSuccess: (result) => {
      if (result.ok) downloadText(result.value.fileName, result.value.csv);
      else notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
    },
  });

  const pickedEmployee = employee ?? (filters.employee ? { name: filters.employee, employeeName: filters.employee, attendanceDeviceId: null, status: 'Active', company: null, department: null, branch: null } : null);
  const total = cache.total;

  return (
    <Stack gap="md" h="calc(100dvh - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Punches"
        description={total === null ? 'Every punch read from your devices.' : hasFilters(filters) ? `${plural(total, 'punch', 'punches')} match the filters.` : `${plural(total, 'punch', 'punches')} in all.`}
        actions={
          <Button variant="default" leftSection={<Download size={16} />} loading={exportCsv.isPending} disabled={!total} onClick={() => exportCsv.mutate()}>
            Export CSV
          </Button>
        }
      />
      <PunchFiltersBar filters={filters} devices={devices.data ?? []} employee={pickedEmployee} onEmployeeChange={setEmployee} onChange={setFilters} />
      {onlyRefused && <RefusalGroups onShow={(search) => setFilters({ ...filters, search })} onRequeued={afterChange} />}
      <Group gap="sm" mih={36} aria-live="polite">
        {selected.size > 0 || allMatching ? (
          <>
            <Text size="sm" fw={500}>
              {allMatching ? `All ${plural(total ?? 0, 'punch', 'punches')} that match the filters selected` : `${formatCount(selected.size)} selected`}
            </Text>
            <Button size="xs" leftSection={<RotateCw size={14} />} loading={retry.isPending} onClick={() => retry.mutate()}>
              Send again
            </Button>
            <Button size="xs" variant="default" leftSection={<Ban size={14} />} loading={ignore.isPending} onClick={() => ignore.mutate()}>
              Ignore
            </Button>
            {!allMatching && total !== null && total > selected.size && (
              <Button size="xs" variant="subtle" onClick={() => setAllMatching(true)}>
                Select all {formatCount(total)} {hasFilters(filters) ? 'that match the filters' : 'punches'}
              </Button>
            )}
            <Button size="xs" variant="subtle" onClick={clearSelection}>
              Clear selection
            </Button>
          </>
        ) : total ? (
          <Text size="sm" c="dimmed">
            Select punches to send again or ignore. Arrow keys move, Space selects, Enter opens.
          </Text>
        ) : null}
      </Group>
      <div style={{ flex: 1, minHeight: 200 }}>
        {cache.error !== null && total === null ? (
          <ErrorState error={cache.error} onRetry={afterChange} title="The punches could not be loaded" />
        ) : total === null ? (
          <LoadingState label="Loading punches…" />
        ) : total === 0 ? (
          hasFilters(filters) ? (
            <EmptyMessage title="No punches match these filters" description="Try a wider date range or clear the filters." icon={<ListChecks size={28} />}>
              <Button variant="light" onClick={() => setFilters(filtersFromParams(new URLSearchParams()))}>
                Clear filters
              </Button>
            </EmptyMessage>
          ) : !hasDevices ? (
            <NoDevicesYet what="Punches" />
          ) : (
            <EmptyMessage title="No punches yet" description='Punches appear here after the first sync. Press "Sync now" on the Dashboard.' icon={<ListChecks size={28} />} />
          )
        ) : (
          <PunchTable cache={cache} selected={allMatching ? EVERY_PUNCH : selected} onToggle={toggle} onToggleLoaded={toggleLoaded} onOpen={setOpen} height="100%" />
        )}
      </div>
      <PunchDetail punch={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
