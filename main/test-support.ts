// Shared by main/*.test.ts: a complete AppStatus to vary per test.
import type { AppStatus, RunSummary } from '../app/api/contract';

export function appStatus(changes: Partial<AppStatus> = {}): AppStatus {
  return {
    running: false,
    progress: null,
    lastRun: null,
    paused: false,
    nextRunAt: null,
    counts: { pending: 0, synced: 0, unmatched: 0, rejected: 0, failed: 0, ignored: 0 },
    unmatchedUsers: 0,
    erpnextConfigured: true,
    devicesConfigured: true,
    attention: [],
    pushStop: null,
    mode: 'desktop',
    ...changes,
  };
}

export function runSummary(changes: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 7,
    trigger: 'schedule',
    startedAt: '2026-11-25T09:10:00.000Z',
    finishedAt: '2026-11-25T09:12:00.000Z',
    outcome: 'ok',
    counts: { read: 10, new: 4, synced: 4, duplicates: 0, unmatched: 0, rejected: 0, failed: 0 },
    devices: [],
    errors: [],
    warnings: [],
    ...changes,
  };
}
