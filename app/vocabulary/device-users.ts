// The part of the contract for enrolling ERPNext's employees on the terminals: a preview
// of every change per device, applying the approved ones, and the history of what was done.
import { z } from 'zod';
import type { ApiError } from './results';

export type DeviceUserChangeKind = 'add' | 'rename' | 'remove';

export interface DeviceUserChange {
  kind: DeviceUserChangeKind;
  userId: string;
  employee: string;
  /** The name as the terminal will hold it (for a removal, the name it holds now). */
  name: string;
  /** The terminal's name before a rename; null otherwise. */
  previousName: string | null;
}

export interface SkippedEmployee {
  employee: string;
  userId: string;
  reason: string;
}

export interface DeviceUserPreview {
  deviceId: string;
  deviceName: string;
  /** Set when the terminal could not be read: then it has no changes either. */
  error: ApiError | null;
  changes: DeviceUserChange[];
  /** Employees left alone, with why (an id the terminal cannot hold, an administrator leaver...). */
  skipped: SkippedEmployee[];
  /** The user ids the terminal holds now. */
  userIds: string[];
  /** Fingerprint templates per user id; null when the terminal would not give its templates. */
  fingerprints: Record<string, number> | null;
  /** Changes queued for an ADMS terminal that it has not answered yet, oldest first; none for port 4370. */
  waiting: WaitingDeviceUserChange[];
}

/** A change in an ADMS terminal's command queue: planned as made, but not yet answered. */
export interface WaitingDeviceUserChange extends DeviceUserChange {
  /** When it was queued (ISO 8601). */
  since: string;
  /** The terminal fetched it on a poll; until then a later change can still replace it. */
  sent: boolean;
}

/** An employee with an Attendance Device ID, as ERPNext has them. */
export interface EmployeeWithDeviceId {
  employee: string;
  employeeName: string;
  userId: string;
  status: string;
}

export interface DeviceUserOverview {
  devices: DeviceUserPreview[];
  employees: EmployeeWithDeviceId[];
}

/**
 * done: the terminal's read-back list shows it (ADMS: the terminal answered the command with
 * Return=0); queued: waiting in an ADMS terminal's command queue for its answer. Every other
 * outcome means it does not count as made.
 */
export type ChangeOutcome = 'done' | 'refused' | 'unconfirmed' | 'not-attempted' | 'queued';

export interface ChangeResult extends DeviceUserChange {
  outcome: ChangeOutcome;
  error: ApiError | null;
}

export interface DeviceUserOutcome {
  deviceId: string;
  deviceName: string;
  error: ApiError | null;
  results: ChangeResult[];
}

export interface DeviceUserChangeRecord extends Omit<DeviceUserChange, 'kind'> {
  /** copy-fingerprints: the user's templates written from another terminal (`employee` names that terminal). */
  kind: DeviceUserChangeKind | 'copy-fingerprints';
  id: number;
  deviceId: string | null;
  deviceName: string;
  outcome: ChangeOutcome;
  error: string | null;
  requestedBy: string;
  recordedAt: string;
}

export const DeviceUserSyncSchema = z.object({
  /** One device; omitted means every enabled device polled on port 4370. */
  deviceId: z.string().min(1).optional(),
  removeLeft: z.boolean().default(false),
});
export type DeviceUserSyncInput = z.input<typeof DeviceUserSyncSchema>;

export const ApplyDeviceUsersSchema = DeviceUserSyncSchema.extend({
  /** The changes the person approved in the preview; nothing else is done. */
  approved: z
    .array(z.object({ deviceId: z.string().min(1), kind: z.enum(['add', 'rename', 'remove']), userId: z.string().min(1).max(24) }))
    .min(1, 'Choose at least one change to make')
    .max(50_000),
});
export type ApplyDeviceUsersInput = z.input<typeof ApplyDeviceUsersSchema>;

export const ListDeviceUserChangesSchema = z.object({ limit: z.number().int().min(1).max(1000).default(200) });
