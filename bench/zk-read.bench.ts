// Reading 100,000 40-byte attendance records over TCP from the ZK simulator: our client beside
// node-zklib 1.3.0 on the same simulator, with each chunk's packets written separately and (as some
// firmwares do) coalesced into one write. node-zklib loses records and waits out its 10 s timer
// when packets arrive together (docs/zk-protocol.md §2.3); its records/s counts only the records it
// returned.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectZk } from '../app/zk';
import { measure, printTable } from './support';
import { serveSimulatorIfAsked, startSimulatorProcess } from './zk-simulator-process';

const RECORDS = 100_000;
const RUNS = 5;

interface NodeZklib {
  createSocket(): Promise<unknown>;
  getAttendances(): Promise<{ data: unknown[]; err?: unknown }>;
  disconnect(): Promise<unknown>;
}
type NodeZklibConstructor = new (ip: string, port: number, timeout: number, inport: number) => NodeZklib;

async function readWithPunchbridge(host: string, port: number): Promise<number> {
  const device = await connectZk({ host, port, transport: 'tcp' });
  try {
    return (await device.readAttendance()).records.length;
  } finally {
    await device.disconnect();
  }
}

async function readWithNodeZklib(ZKLib: NodeZklibConstructor, host: string, port: number): Promise<number> {
  const device = new ZKLib(host, port, 10_000, 0);
  await device.createSocket();
  try {
    return (await device.getAttendances()).data.length;
  } finally {
    await device.disconnect();
  }
}

/** node-zklib prints to stdout and writes *.err.log files into the working directory: keep both away. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'node-zklib-'));
  const previous = { cwd: process.cwd(), log: console.log, error: console.error };
  process.chdir(folder);
  console.log = console.error = () => undefined;
  try {
    return await work();
  } finally {
    Object.assign(console, { log: previous.log, error: previous.error });
    process.chdir(previous.cwd);
    rmSync(folder, { recursive: true, force: true });
  }
}

await serveSimulatorIfAsked();

async function compare(coalesce: boolean): Promise<Record<string, string | number>[]> {
  const host = '127.0.0.1';
  // Separate packets get the 1 ms gap a real link gives them, or node-zklib reads them together anyway.
  const { port, child } = await startSimulatorProcess(fileURLToPath(import.meta.url), {
    recordCount: RECORDS,
    userCount: 500,
    recordSize: 40,
    recordCapacity: 200_000,
    packetGapMs: coalesce ? 0 : 1,
    faults: { coalesceChunks: coalesce },
  });
  try {
    await readWithPunchbridge(host, port); // warm-up: JIT and the simulator's first dataset
    const ours = await measure(RUNS, () => readWithPunchbridge(host, port));
    const ZKLib = createRequire(import.meta.url)('node-zklib') as NodeZklibConstructor;
    const theirCounts: number[] = [];
    const theirs = await quietly(() =>
      measure(RUNS, async () => {
        const count = await readWithNodeZklib(ZKLib, host, port);
        theirCounts.push(count);
        return count;
      }),
    );
    const rate = (records: number, ms: number) => Math.round((records / ms) * 1000);
    const ourRate = rate(ours.last, ours.medianMs);
    const theirRate = rate(theirCounts.reduce((sum, count) => sum + count, 0) / theirCounts.length, theirs.medianMs);
    const chunks = coalesce ? 'coalesced' : 'separate';
    return [
      { 'chunk packets': chunks, client: 'punchbridge (app/zk)', 'records read': ours.last, 'median ms': ours.medianMs, 'records/s': ourRate, 'ours / theirs': '' },
      {
        'chunk packets': chunks,
        client: 'node-zklib 1.3.0',
        'records read': theirCounts.join(' / '),
        'median ms': theirs.medianMs,
        'records/s': theirRate,
        'ours / theirs': theirRate > 0 ? `${(ourRate / theirRate).toFixed(1)}x` : 'n/a',
      },
    ];
  } finally {
    child.kill();
  }
}

export async function run(): Promise<void> {
  const rows = [...(await compare(false)), ...(await compare(true))];
  printTable(`ZK read: ${RECORDS.toLocaleString('en-US')} 40-byte records over TCP (loopback) from the simulator, median of ${RUNS} runs`, rows);
}
