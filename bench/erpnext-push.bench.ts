// Checkin push throughput against the ERPNext simulator at 20 ms latency per request: one at a
// time, as Frappe's sync tool pushes (docs/frappe-hr.md §1.6), and with 4, 8 and 16 pushes in
// flight. The slower rows push fewer checkins so that the bench stays under two minutes; a rate
// does not depend on the count once the sockets are open. Each row is a single run on a fresh site.
import { performance } from 'node:perf_hooks';
import { CHECKIN_ENDPOINTS, createErpnextClient, type ErpnextClient } from '../app/erpnext';
import { startErpnextSimulator } from '../app/sim/erpnext';
import { printTable } from './support';

const LATENCY_MS = 20;
const EMPLOYEES = 1000;
const KEY = 'bench-key';
const SECRET = 'bench-secret';

interface Row {
  concurrency: number;
  checkins: number;
}

const ROWS: Row[] = [
  { concurrency: 1, checkins: 500 },
  { concurrency: 4, checkins: 4_000 },
  { concurrency: 8, checkins: 10_000 },
  { concurrency: 16, checkins: 10_000 },
];

export async function run(): Promise<void> {
  const results: { concurrency: number; checkins: number; accepted: number; seconds: number; perSecond: number }[] = [];
  for (const row of ROWS) results.push({ ...row, ...(await measureRow(row)) });
  const baseline = results[0]!.perSecond;
  printTable(
    `ERPNext checkin push, simulator latency ${LATENCY_MS} ms (one run per row)`,
    results.map((result) => ({
      'in flight': result.concurrency === 1 ? '1 (reference tool)' : result.concurrency,
      checkins: result.checkins,
      accepted: result.accepted,
      seconds: result.seconds,
      'checkins/s': result.perSecond,
      'vs one at a time': `${(result.perSecond / baseline).toFixed(1)}x`,
    })),
  );
}

async function measureRow(row: Row): Promise<{ accepted: number; seconds: number; perSecond: number }> {
  const simulator = await startErpnextSimulator({
    port: 0,
    employees: EMPLOYEES,
    users: [{ apiKey: KEY, apiSecret: SECRET, roles: ['HR Manager'] }],
    faults: { latencyMs: LATENCY_MS },
  });
  const created = createErpnextClient({ url: simulator.url, apiKey: KEY, apiSecret: SECRET }, { endpoint: CHECKIN_ENDPOINTS[0] });
  if (!created.ok) throw new Error(created.error.message);
  const client = created.value;
  try {
    const started = performance.now();
    const accepted = await pushAll(client, row);
    const seconds = (performance.now() - started) / 1000;
    return { accepted, seconds, perSecond: row.checkins / seconds };
  } finally {
    client.close();
    await simulator.close();
  }
}

/** `concurrency` workers taking the next checkin until none is left, as the sync engine's pool does. */
async function pushAll(client: ErpnextClient, row: Row): Promise<number> {
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < row.checkins) {
      const index = next++;
      const outcome = await client.pushCheckin(benchPunch(index));
      if (outcome.kind === 'accepted') accepted++;
    }
  };
  await Promise.all(Array.from({ length: row.concurrency }, worker));
  return accepted;
}

// Every employee punches once a minute, so no two checkins collide.
function benchPunch(index: number) {
  const minute = Math.floor(index / EMPLOYEES);
  const time = `2026-11-25 ${String(6 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
  return { employeeFieldValue: String((index % EMPLOYEES) + 1), timestamp: time, deviceId: 'bench', logType: 'IN' as const };
}
