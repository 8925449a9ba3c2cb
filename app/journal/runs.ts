// Sync run history: a row when a run starts, its summary when it finishes.
import type { DatabaseSync } from 'node:sqlite';
import type { RunSummary, RunTrigger } from '../vocabulary';
import type { Clock } from './rows';

export interface RunStore {
  /** Record that a run started; returns its id (RunProgress.runId, RunSummary.id). */
  startRun(trigger: RunTrigger): { id: number; startedAt: string };
  finishRun(summary: RunSummary): void;
  /** Finished runs, newest first. A run the app never finished (killed mid-way) is not listed. */
  listRuns(limit: number): RunSummary[];
  getRun(id: number): RunSummary | null;
}

interface RunRow {
  id: number;
  triggered_by: RunTrigger;
  started_at: string;
  finished_at: string;
  outcome: RunSummary['outcome'];
  counts: string;
  devices: string;
  errors: string;
  warnings: string;
}

function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    trigger: row.triggered_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    counts: JSON.parse(row.counts) as RunSummary['counts'],
    devices: JSON.parse(row.devices) as RunSummary['devices'],
    errors: JSON.parse(row.errors) as RunSummary['errors'],
    warnings: JSON.parse(row.warnings) as RunSummary['warnings'],
  };
}

export function runStore(db: DatabaseSync, now: Clock): RunStore {
  const insert = db.prepare('INSERT INTO sync_runs (triggered_by, started_at) VALUES (?, ?)');
  const finish = db.prepare(`
    UPDATE sync_runs SET finished_at = :finishedAt, outcome = :outcome, counts = :counts, devices = :devices,
      errors = :errors, warnings = :warnings
    WHERE id = :id`);
  const selectRecent = db.prepare('SELECT * FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT ?');
  const selectOne = db.prepare('SELECT * FROM sync_runs WHERE id = ? AND finished_at IS NOT NULL');

  return {
    startRun(trigger) {
      const startedAt = now().toISOString();
      return { id: Number(insert.run(trigger, startedAt).lastInsertRowid), startedAt };
    },
    finishRun(summary) {
      finish.run({
        id: summary.id,
        finishedAt: summary.finishedAt,
        outcome: summary.outcome,
        counts: JSON.stringify(summary.counts),
        devices: JSON.stringify(summary.devices),
        errors: JSON.stringify(summary.errors),
        warnings: JSON.stringify(summary.warnings),
      });
    },
    listRuns: (limit) => (selectRecent.all(limit) as unknown as RunRow[]).map(toSummary),
    getRun(id) {
      const row = selectOne.get(id) as RunRow | undefined;
      return row ? toSummary(row) : null;
    },
  };
}
