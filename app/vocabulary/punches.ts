// Punches: one record from a device, its state on the way to ERPNext, and how they are queried.
import { z } from 'zod';
import { DateSchema } from './dates';

export const PUNCH_STATES = ['pending', 'synced', 'unmatched', 'rejected', 'failed', 'ignored'] as const;
export type PunchState = (typeof PUNCH_STATES)[number];
export const PunchStateSchema = z.enum(PUNCH_STATES);

export type PunchSource = 'zk' | 'live' | 'adms' | 'file';
export type LogType = 'IN' | 'OUT';

/**
 * Two kinds of time travel through this contract:
 * - wall-clock values `YYYY-MM-DD HH:mm:ss` with no zone, as devices and ERPNext keep them
 *   (Punch.deviceTime in the device's zone, Punch.serverTime in the ERPNext zone,
 *   UnmatchedUser.firstSeen/lastSeen in device zones);
 * - instants this app recorded itself, as ISO 8601 UTC strings (`2026-11-25T09:15:02.000Z`): run
 *   start and finish, receivedAt, syncedAt, lastReadAt, createdAt, nextRunAt, log lines.
 */
export interface Punch {
  id: number;
  deviceSerial: string;
  /** The configured device it came from; null when that device has since been removed. */
  deviceId: string | null;
  deviceName: string;
  userId: string;
  /** Wall-clock time on the device, in the device's zone. */
  deviceTime: string;
  /** The time sent to ERPNext, in the server zone; null until converted. */
  serverTime: string | null;
  /** Raw punch state code from the device (0 check-in, 1 check-out, 4 overtime-in...). */
  punchStateCode: number;
  verifyType: number;
  logType: LogType | null;
  state: PunchState;
  /** ERPNext's exact reason for rejected / failed / unmatched punches. */
  lastError: string | null;
  /** Set when a DST change made the device time ambiguous or impossible. */
  timeNote: string | null;
  employee: string | null;
  employeeName: string | null;
  checkinName: string | null;
  attempts: number;
  source: PunchSource;
  receivedAt: string;
  syncedAt: string | null;
}

export const PunchQuerySchema = z.object({
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  deviceId: z.string().optional(),
  employee: z.string().optional(),
  states: z.array(PunchStateSchema).optional(),
  search: z.string().max(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type PunchQuery = z.input<typeof PunchQuerySchema>;

export interface PunchPage {
  rows: Punch[];
  total: number;
}

export const PunchExportSchema = PunchQuerySchema.omit({ offset: true, limit: true });
export type PunchExport = z.input<typeof PunchExportSchema>;

/** The punches a retry or ignore acts on: chosen rows, or every punch a filter matches. */
export const PunchSelectionSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1, 'Select at least one punch') }),
  z.object({ filter: PunchExportSchema }),
]);
export type PunchSelection = z.input<typeof PunchSelectionSchema>;

/**
 * Refused punches that share one reason: what ERPNext said, what to change and where, and whether
 * the cause still holds, checked when the list was asked for.
 */
export interface RefusalGroup {
  /** ERPNext's words, exactly as stored on the punches (HTML included, if it sent any). */
  reason: string;
  count: number;
  /** Device times of the oldest and newest punch. */
  firstTime: string;
  lastTime: string;
  /** A few of the device user ids concerned. */
  userIds: string[];
  /** What to change, in ERPNext or in Punchbridge, before sending them again. */
  whatToChange: string;
  /** The ERPNext document (or setting) to change, when one is known. */
  link: { label: string; url: string } | null;
  /** true: the cause still holds, so a resend would be refused again; false: it has changed; null: cannot tell. */
  stillRefused: boolean | null;
  /** What is different now, in a sentence (or why it cannot be told). */
  now: string;
}

export const RefusalReasonSchema = z.object({ reason: z.string().min(1) });
export type RefusalReason = z.input<typeof RefusalReasonSchema>;

/**
 * Punches counted by the clock of the device that took them (its device time, when people
 * punched), summed over the configured devices: today by hour and the last seven days by day,
 * where "today" is each device's own today in its time zone.
 */
export interface PunchActivity {
  /** Today in the ERPNext system zone, or this computer's without one: the last day's label. */
  today: string;
  /** The hour it is now (0-23) in the zone of `today`: the hours after it are still to come. */
  currentHour: number;
  /** Hours 0 to 23, each once. */
  todayByHour: { hour: number; count: number }[];
  /** Seven days, oldest first, today last; a day without punches has count 0. */
  weekByDay: { day: string; count: number }[];
}
