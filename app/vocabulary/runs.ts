// Sync runs: what starts one, its progress while it runs, and its summary after.
import type { ApiError } from './results';

export type RunTrigger = 'manual' | 'schedule' | 'startup' | 'wake' | 'cli';

export type DevicePhase =
  | 'waiting'
  | 'connecting'
  | 'reading-users'
  | 'reading-records'
  | 'saving'
  | 'clearing'
  | 'done'
  | 'failed';

export interface DeviceProgress {
  deviceId: string;
  deviceName: string;
  phase: DevicePhase;
  bytesRead: number;
  bytesTotal: number;
}

export interface RunProgress {
  runId: number;
  trigger: RunTrigger;
  startedAt: string;
  devices: DeviceProgress[];
  push: { done: number; total: number };
}

export interface RunCounts {
  read: number;
  new: number;
  synced: number;
  duplicates: number;
  unmatched: number;
  rejected: number;
  failed: number;
}

export interface DeviceRunResult {
  deviceId: string;
  deviceName: string;
  serialNumber: string | null;
  ok: boolean;
  read: number;
  new: number;
  cleared: boolean;
  clockSkewSeconds: number | null;
  error: ApiError | null;
  durationMs: number;
}

export type RunOutcome = 'ok' | 'partial' | 'failed';

export interface RunSummary {
  id: number;
  trigger: RunTrigger;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
  counts: RunCounts;
  devices: DeviceRunResult[];
  errors: ApiError[];
  warnings: string[];
}


/** A checkin ERPNext saved at its own current time instead of the punch time (the time trap). */
export interface WrongCheckin {
  checkinName: string;
  /** The punch it was made for; null when that punch has since been removed. */
  punchId: number | null;
  employee: string | null;
  /** The punch time sent, and the time ERPNext saved, both in the server zone. */
  sentTime: string;
  savedTime: string;
  foundAt: string;
}

/**
 * All pushing stopped because ERPNext replaced punch times (the time trap, docs/frappe-hr.md §0.5).
 * It lasts until a person lifts it (`liftedAt`); the next push is then one punch, checked, and the
 * stop ends once one keeps its time.
 */
export interface PushStop {
  reason: 'time-trap';
  stoppedAt: string;
  liftedAt: string | null;
  wrongCheckins: WrongCheckin[];
}
