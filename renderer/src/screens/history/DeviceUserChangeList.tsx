// History of the changes Punchbridge made (or tried to make) to the devices' users: what, where,
// when, who asked, and whether the device shows it.
import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ChangeOutcome, DeviceUserChangeRecord } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { EmptyMessage, ErrorState, LoadingState } from '../../components/states';
import { formatWallClock } from '../../lib/format';

const OUTCOMES: Record<ChangeOutcome, { label: string; color: string }> = {
  done: { label: 'Done', color: 'teal' },
  refused: { label: 'Refused by the device', color: 'red' },
  unconfirmed: { label: 'Not confirmed', color: 'orange' },
  'not-attempted': { label: 'Not attempted', color: 'gray' },
  queued: { label: 'Waiting for the terminal', color: 'blue' },
};

function describe(change: DeviceUserChangeRecord): string {
  if (change.kind === 'add') return `Added ${change.userId} "${change.name}"`;
  if (change.kind === 'copy-fingerprints') return `Copied the fingerprints of ${change.userId} "${change.name}" from ${change.employee}`;
  if (change.kind === 'rename') return `Renamed ${change.userId} "${change.previousName}" to "${change.name}"`;
  return `Removed ${change.userId} "${change.name}"`;
}

export function DeviceUserChangeList() {
  const backend = useBackend();
  const changes = useQuery({ queryKey: queryKeys.deviceUserChanges, queryFn: () => backend.listDeviceUserChanges({ limit: 200 }) });
  if (changes.isPending) return <LoadingState label="Loading changes…" />;
  if (changes.isError) return <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />;
  if (changes.data.length === 0) {
    return <EmptyMessage title="No changes to the devices yet" description='Employees added to or removed from the devices under Employee mapping, "On the devices", are listed here.' />;
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label="Changes to the devices' users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Device</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Asked by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.data.map((change) => (
            <Table.Tr key={change.id}>
              <Table.Td>
                <Text size="sm">{formatWallClock(change.recordedAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{change.deviceName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{describe(change)}</Text>
                {change.kind !== 'copy-fingerprints' && (
                  <Text size="xs" c="dimmed">
                    {change.employee}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={OUTCOMES[change.outcome].color}>
                  {OUTCOMES[change.outcome].label}
                </Badge>
                {change.error && (
                  <Text size="xs" c="dimmed">
                    {change.error}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{change.requestedBy}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
