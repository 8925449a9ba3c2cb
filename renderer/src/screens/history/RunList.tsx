import { Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { RunOutcomeBadge } from '../../components/DeviceStatusBadge';
import { NoDevicesYet, useHasDevices } from '../../components/NoDevicesYet';
import { EmptyMessage, ErrorState, LoadingState } from '../../components/states';
import { durationBetween, formatCount, formatWallClock } from '../../lib/format';
import { hrefFor } from '../../shell/router';

export const TRIGGER_LABELS = { manual: 'By hand', schedule: 'Scheduled', startup: 'At start-up', wake: 'After wake-up', cli: 'Command line' };

export function RunList() {
  const backend = useBackend();
  const runs = useQuery({ queryKey: queryKeys.runs, queryFn: () => backend.listRuns({ limit: 100 }) });
  const hasDevices = useHasDevices();
  if (runs.isPending) return <LoadingState label="Loading past syncs…" />;
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => void runs.refetch()} title="Past syncs could not be loaded" />;
  if (runs.data.length === 0 && !hasDevices) return <NoDevicesYet what="Past syncs" />;
  if (runs.data.length === 0) return <EmptyMessage title="No syncs yet" description='Press "Sync now" on the Dashboard, or wait for the schedule.' icon={<History size={28} />} />;
  return (
    // Narrow enough for every column at 1024 px: how and how long sit under the start time.
    <Table.ScrollContainer minWidth={660}>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Past syncs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th ta="right">Read</Table.Th>
            <Table.Th ta="right">New</Table.Th>
            <Table.Th ta="right">Sent</Table.Th>
            <Table.Th ta="right">No employee</Table.Th>
            <Table.Th ta="right">Refused</Table.Th>
            <Table.Th ta="right">To retry</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.data.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>
                <Anchor href={hrefFor(`/history/${run.id}`)} size="sm">
                  {formatWallClock(run.startedAt)}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {TRIGGER_LABELS[run.trigger]} · took {durationBetween(run.startedAt, run.finishedAt)}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RunOutcomeBadge outcome={run.outcome} />
              </Table.Td>
              {[run.counts.read, run.counts.new, run.counts.synced, run.counts.unmatched, run.counts.rejected, run.counts.failed].map((value, index) => (
                <Table.Td key={index} ta="right">
                  <Text size="sm" c={value === 0 ? 'dimmed' : index >= 4 ? 'red' : undefined}>
                    {formatCount(value)}
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
