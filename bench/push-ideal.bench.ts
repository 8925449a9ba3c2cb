// One sync run that pushes 1,000 punches to the ERPNext simulator at 20 ms per
// request, at the default push concurrency, beside the ideal (punches x latency / concurrency).
// Ten of the device's users match no employee: their punches should cost no request each.
// Beside them, the floor this machine sets: the same number of bare node:http round trips to a
// server that only waits the latency, at the same concurrency (on a loaded machine it is well
// above the ideal, and no client can do better).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { printTable } from './support';
import { startSyncBench } from './sync-bench-setup';

const PUNCHES = 1_000;
const USERS = 100;
const EMPLOYEES = 90;
const LATENCY_MS = 20;

export async function run(): Promise<void> {
  const { erpnext, engine, sync, close } = await startSyncBench({
    name: 'push',
    records: PUNCHES,
    users: USERS,
    employees: EMPLOYEES,
    latencyMs: LATENCY_MS,
    serialNumber: 'BENCH0002',
    serverTimeZone: null,
  });
  try {
    let pushStartedAt: number | null = null;
    engine.onProgress((progress) => {
      if (progress.push.total > 0 && pushStartedAt === null) pushStartedAt = performance.now();
    });
    const started = performance.now();
    const summary = await engine.runOnce('cli');
    const finished = performance.now();
    const { counts } = summary;
    const toSend = counts.read - counts.unmatched;
    const idealMs = (PUNCHES * LATENCY_MS) / sync.pushConcurrency;
    const pushMs = finished - (pushStartedAt ?? finished);
    const floorMs = await bareRoundTrips(PUNCHES, sync.pushConcurrency);
    printTable(`One sync run: ${PUNCHES.toLocaleString('en-US')} punches, ERPNext simulator at ${LATENCY_MS} ms, push concurrency ${sync.pushConcurrency}`, [
      {
        'run s': (finished - started) / 1000,
        'push s': pushMs / 1000,
        'ideal s': idealMs / 1000,
        'push vs ideal': `${percentOver(pushMs, idealMs)}`,
        'bare HTTP floor s': floorMs / 1000,
        'floor vs ideal': percentOver(floorMs, idealMs),
        synced: counts.synced,
        unmatched: counts.unmatched,
        'checkin calls': erpnext.checkinCallCount,
        'punches to send': toSend,
        'all requests': erpnext.requestCount,
      },
    ]);
  } finally {
    await close();
  }
}

function percentOver(measuredMs: number, idealMs: number): string {
  return `${measuredMs >= idealMs ? '+' : ''}${((measuredMs / idealMs - 1) * 100).toFixed(0)}%`;
}

/** `count` POSTs, `concurrency` at a time, to a server that answers after LATENCY_MS. */
async function bareRoundTrips(count: number, concurrency: number): Promise<number> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => setTimeout(() => response.end('{"message":{}}'), LATENCY_MS));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true });
  const roundTrip = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent }, (response) => {
        response.resume();
        response.on('end', resolve);
      });
      request.on('error', reject);
      request.end('{}');
    });
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < count) {
        sent++;
        await roundTrip();
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  return elapsed;
}
