import { Badge, Tooltip } from '@mantine/core';
import { PUNCH_STATE_LABELS, plainReason, type PunchState } from '../../../app/api/contract';

// The words live in the shared vocabulary, so the CSV export writes what the screens show.
export const STATE_LABELS = PUNCH_STATE_LABELS;
export { plainReason };

export const STATE_COLORS: Record<PunchState, string> = {
  pending: 'blue',
  synced: 'teal',
  unmatched: 'orange',
  rejected: 'red',
  failed: 'yellow',
  ignored: 'gray',
};

export function StateBadge({ state, reason }: { state: PunchState; reason?: string | null }) {
  const badge = (
    <Badge color={STATE_COLORS[state]} variant="light" radius="sm" style={{ cursor: reason ? 'help' : undefined }}>
      {STATE_LABELS[state]}
    </Badge>
  );
  if (!reason) return badge;
  return (
    <Tooltip label={plainReason(reason)} multiline maw={420} withArrow openDelay={200}>
      {badge}
    </Tooltip>
  );
}
