// The UI's punch query on a journal of 1,000,000 punches (the target: a filtered page of 100,
// median under 50 ms), and how fast the journal takes in 100,000 punches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DeviceInputSchema, type DeviceConfig, type PunchQuery } from '../app/api/contract';
import { openJournal, type Journal, type PunchRecord } from '../app/journal';
import { measure, printTable } from './support';

const PUNCHES = 1_000_000;
const USERS = 2000;
const SERIALS = ['CQZ7200001', 'CQZ7200002', 'CQZ7200003', 'CQZ7200004', 'CQZ7200005'];
const START = Date.UTC(2025, 0, 1);
const RUNS = 25;
const SETTLED_UNTIL = '2025-02-05';

/** One punch every 30 s across five devices and 2,000 users: about eleven months of punches. */
function records(first: number, count: number, serialIndex: number): PunchRecord[] {
  const batch: PunchRecord[] = [];
  for (let i = first; i < first + count; i++) {
    if (i % SERIALS.length !== serialIndex) continue;
    const time = new Date(START + i * 30_000).toISOString().slice(0, 19).replace('T', ' ');
    batch.push({ userId: String(1000 + (i % USERS)), deviceTime: time, punchStateCode: i % 2, verifyType: 1 });
  }
  return batch;
}

function insertAll(journal: Journal, first: number, count: number): number {
  let inserted = 0;
  journal.transaction(() => {
    SERIALS.forEach((serial, index) => {
      inserted += journal.insertPunches(serial, index < 2 ? ['main-gate', 'back-door'][index]! : null, 'zk', records(first, count, index)).inserted;
    });
  });
  return inserted;
}

/**
 * Settle the first five weeks of punches one by one, as a sync would: mostly synced, some held.
 * The rest stay pending (settling a million one call at a time would take minutes); the state
 * index serves a big pending backlog and a big synced history the same way.
 */
function settle(journal: Journal): void {
  const sent = (userId: string, deviceTime: string) => ({
    serverTime: deviceTime,
    logType: null,
    timeNote: null,
    employee: `HR-EMP-${userId}`,
    employeeName: `Employee ${userId}`,
  });
  for (;;) {
    const batch = journal.takePendingPunches(10_000, '2000-01-01T00:00:00.000Z');
    if (batch.length === 0 || batch[0]!.deviceTime > SETTLED_UNTIL) break;
    journal.transaction(() => {
      for (const punch of batch) {
        const roll = punch.id % 100;
        if (roll < 2) journal.markUnmatched(punch.id, 'No Employee found for the given employee field value');
        else if (roll < 3) journal.markRejected(punch.id, `Employee HR-EMP-${punch.userId} is not active`, sent(punch.userId, punch.deviceTime));
        else if (roll < 4) journal.markFailed(punch.id, 'connect ECONNREFUSED', '2099-01-01T00:00:00.000Z');
        else if (roll < 5) journal.markIgnored([punch.id]);
        else journal.markSynced(punch.id, sent(punch.userId, punch.deviceTime), `EMP-CKIN-${String(punch.id).padStart(9, '0')}`);
      }
    });
  }
}

const QUERIES: { name: string; query: PunchQuery }[] = [
  { name: 'no filter', query: {} },
  { name: 'needs attention (3 states)', query: { states: ['unmatched', 'rejected', 'failed'] } },
  { name: 'synced, one month', query: { states: ['synced'], from: '2025-01-01', to: '2025-01-31' } },
  { name: 'pending, one month', query: { states: ['pending'], from: '2025-06-01', to: '2025-06-30' } },
  { name: 'one device, one week', query: { deviceId: 'main-gate', from: '2025-03-01', to: '2025-03-07' } },
  { name: 'one employee, one month', query: { employee: 'HR-EMP-1042', from: '2025-01-01', to: '2025-01-31' } },
  { name: 'search user id "1042"', query: { search: '1042' } },
  { name: 'search employee name', query: { search: 'Employee 1777' } },
  { name: 'search error text', query: { search: 'not active', from: '2025-01-15' } },
  { name: 'page 50 of a month', query: { from: '2025-04-01', to: '2025-04-30', offset: 5000 } },
];

export async function run(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'punchbridge-bench-'));
  try {
    const journal = openJournal(join(folder, 'journal.sqlite'));
    journal.addDevice({ ...deviceConfig('Main gate') });
    journal.addDevice({ ...deviceConfig('Back door') });

    let started = performance.now();
    insertAll(journal, 0, PUNCHES);
    const buildMs = performance.now() - started;
    started = performance.now();
    const before = journal.countByState().pending;
    settle(journal);
    const settled = before - journal.countByState().pending;
    const settleMs = performance.now() - started;
    journal.close();

    const reopened = openJournal(join(folder, 'journal.sqlite'));
    const rows: Record<string, string | number>[] = [];
    for (const { name, query } of QUERIES) {
      const result = await measure(RUNS, async () => reopened.queryPunches({ limit: 100, ...query }));
      rows.push({ query: name, 'median ms': result.medianMs, rows: result.last.rows.length, total: result.last.total });
    }
    printTable('Punch page of 100 out of 1,000,000 punches', rows);

    const fresh = await measure(1, async () => insertAll(reopened, PUNCHES, 100_000));
    const again = await measure(1, async () => insertAll(reopened, PUNCHES, 100_000));
    printTable('Inserting 100,000 punches (one transaction)', [
      { case: 'build 1,000,000', ms: buildMs, 'punches/s': Math.round(PUNCHES / (buildMs / 1000)) },
      { case: 'settle states one by one (5 weeks)', ms: settleMs, 'punches/s': Math.round(settled / (settleMs / 1000)) },
      { case: '100,000 new, into 1,000,000', ms: fresh.medianMs, 'punches/s': Math.round(fresh.last / (fresh.medianMs / 1000)) },
      { case: '100,000 already there', ms: again.medianMs, 'punches/s': Math.round(100_000 / (again.medianMs / 1000)) },
    ]);
    reopened.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function deviceConfig(name: string): DeviceConfig {
  return DeviceInputSchema.parse({ name, host: '192.168.1.201' });
}
