import { Badge, Tooltip } from '@mantine/core';
import type { PunchState } from '../../../app/api/contract';

export const STATE_LABELS: Record<PunchState, string> = {
  pending: 'Waiting to send',
  synced: 'In ERPNext',
  unmatched: 'No employee',
  rejected: 'Refused by ERPNext',
  failed: 'Will retry',
  ignored: 'Ignored',
};

export const STATE_COLORS: Record<PunchState, string> = {
  pending: 'blue',
  synced: 'teal',
  unmatched: 'orange',
  rejected: 'red',
  failed: 'yellow',
  ignored: 'gray',
};

/** ERPNext's messages may carry a link (`<a href=...>`); show its text only. */
export function plainReason(reason: string): string {
  return reason.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

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
