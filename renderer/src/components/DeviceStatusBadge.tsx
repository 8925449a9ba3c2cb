import { Badge } from '@mantine/core';
import type { DeviceStatus, RunOutcome } from '../../../app/api/contract';

const DEVICE_STATUS: Record<DeviceStatus, { label: string; color: string }> = {
  'never-read': { label: 'Not read yet', color: 'gray' },
  ok: { label: 'Working', color: 'teal' },
  warning: { label: 'Needs attention', color: 'orange' },
  error: { label: 'Not reachable', color: 'red' },
  disabled: { label: 'Switched off', color: 'gray' },
};

export function DeviceStatusBadge({ status }: { status: DeviceStatus }) {
  const { label, color } = DEVICE_STATUS[status];
  return (
    <Badge color={color} variant="light" radius="sm">
      {label}
    </Badge>
  );
}

const RUN_OUTCOME: Record<RunOutcome, { label: string; color: string }> = {
  ok: { label: 'Completed', color: 'teal' },
  partial: { label: 'Partly completed', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
};

export function RunOutcomeBadge({ outcome }: { outcome: RunOutcome }) {
  const { label, color } = RUN_OUTCOME[outcome];
  return (
    // Never cut: "Partly complet…" hides the one word that matters.
    // The label clips by default, which lets a table column shrink below its text.
    <Badge color={color} variant="light" radius="sm" style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {label}
    </Badge>
  );
}
