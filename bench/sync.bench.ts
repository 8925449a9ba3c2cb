// The whole sync: a first sync of 100,000 punches from the ZK simulator into the
// ERPNext simulator at 5 ms per request, split into read, save and push; then a re-sync with those
// synced and 100 new punches on the device, which must make exactly 100 checkin calls.
import { performance } from 'node:perf_hooks';
import type { RunProgress, RunSummary } from '../app/api/contract';
import type { Journal } from '../app/journal';
import type { ErpnextSimulator } from '../app/sim/erpnext';
import type { SyncEngine } from '../app/sync';
import { printTable } from './support';
import { startSyncBench } from './sync-bench-setup';

const RECORDS = 100_000;
const USERS = 2_000;
const NEW_PUNCHES = 100;
const LATENCY_MS = 5;

interface Phases {
  readMs: number;
  saveMs: number;
  pushMs: number;
  totalMs: number;
}

export async function run(): Promise<void> {
  const { zk, erpnext, journal, engine, sync, close } = await startSyncBench({
    name: 'sync',
    records: RECORDS,
    users: USERS,
    employees: USERS,
    latencyMs: LATENCY_MS,
    serialNumber: 'BENCH0001',
    serverTimeZone: 'UTC',
    recordCapacity: 200_000,
  });
  try {
    const first = await timedRun(engine, erpnext, journal);
    const userIds = zk.users.map((user) => user.userId);
    for (let i = 0; i < NEW_PUNCHES; i++) zk.punch({ userId: userIds[i % userIds.length]!, time: `2026-12-01 ${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00` });
    const second = await timedRun(engine, erpnext, journal);

    printTable(`Sync engine: ${RECORDS.toLocaleString('en-US')} punches, ERPNext simulator at ${LATENCY_MS} ms, push concurrency ${sync.pushConcurrency}`, [
      row('first sync', first),
      row(`re-sync, ${NEW_PUNCHES} new`, second),
    ]);
  } finally {
    await close();
  }
}

interface TimedRun {
  summary: RunSummary;
  phases: Phases;
  checkinCalls: number;
  syncedInJournal: number;
}

async function timedRun(engine: SyncEngine, erpnext: ErpnextSimulator, journal: Journal): Promise<TimedRun> {
  const marks: Partial<Record<'reading' | 'saving' | 'done' | 'push', number>> = {};
  const stop = engine.onProgress((progress: RunProgress) => {
    const phase = progress.devices[0]?.phase;
    const now = performance.now();
    if ((phase === 'connecting' || phase === 'reading-users') && marks.reading === undefined) marks.reading = now;
    if (phase === 'saving' && marks.saving === undefined) marks.saving = now;
    if (phase === 'done' && marks.done === undefined) marks.done = now;
    if (progress.push.total > 0 && marks.push === undefined) marks.push = now;
  });
  const callsBefore = erpnext.checkinCallCount;
  const started = performance.now();
  const summary = await engine.runOnce('cli');
  const finished = performance.now();
  stop();
  const pushStart = marks.push ?? marks.done ?? finished;
  return {
    summary,
    checkinCalls: erpnext.checkinCallCount - callsBefore,
    syncedInJournal: journal.countByState().synced,
    phases: {
      readMs: (marks.saving ?? finished) - (marks.reading ?? started),
      saveMs: (marks.done ?? finished) - (marks.saving ?? finished),
      pushMs: finished - pushStart,
      totalMs: finished - started,
    },
  };
}

function row(name: string, timed: TimedRun): Record<string, string | number> {
  const { counts } = timed.summary;
  return {
    run: name,
    'read s': timed.phases.readMs / 1000,
    'save s': timed.phases.saveMs / 1000,
    'push s': timed.phases.pushMs / 1000,
    'total s': timed.phases.totalMs / 1000,
    read: counts.read,
    new: counts.new,
    synced: counts.synced + counts.duplicates,
    failed: counts.failed,
    'checkin calls': timed.checkinCalls,
    'synced in journal': timed.syncedInJournal,
  };
}
