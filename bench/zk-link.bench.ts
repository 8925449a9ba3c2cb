// A whole read of 100,000 40-byte records by our client against the terminal's own ways of
// sending: TCP with each packet sent at once, TCP with Nagle on and each reply packet in its own
// write (embedded stacks; a client that waits for each chunk's ACK_OK pays a delayed ACK per
// chunk), and UDP. Then the time the keypad stays locked when a clear follows the read.
import { fileURLToPath } from 'node:url';
import type { ZkSimulatorOptions } from '../app/sim/zk';
import { systemClock } from '../app/sync/clock';
import { readDevice, type DeviceToRead } from '../app/sync/device-read';
import { connectZk, type ZkConnectOptions, type ZkDevice } from '../app/zk';
import { measure, median, printTable } from './support';
import { serveSimulatorIfAsked, startSimulatorProcess } from './zk-simulator-process';

const RECORDS = 100_000;
const RUNS = 5;
const CLEAR_RUNS = 3;
const HOST = '127.0.0.1';
const benchFile = fileURLToPath(import.meta.url);

await serveSimulatorIfAsked();

const fullTerminal = (faults: ZkSimulatorOptions['faults']): ZkSimulatorOptions => ({
  recordCount: RECORDS,
  userCount: 500,
  recordSize: 40,
  recordCapacity: 200_000,
  faults,
});

const LINKS: { link: string; transport: 'tcp' | 'udp'; faults: ZkSimulatorOptions['faults'] }[] = [
  { link: 'TCP, packets sent at once', transport: 'tcp', faults: {} },
  { link: 'TCP, Nagle on, one write per packet', transport: 'tcp', faults: { nagle: true } },
  { link: 'UDP', transport: 'udp', faults: {} },
];

async function wholeRead(port: number, transport: 'tcp' | 'udp'): Promise<number> {
  const device = await connectZk({ host: HOST, port, transport });
  try {
    return (await device.readAttendance()).records.length;
  } finally {
    await device.disconnect();
  }
}

async function readTimes(): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  for (const { link, transport, faults } of LINKS) {
    const { port, child } = await startSimulatorProcess(benchFile, fullTerminal(faults));
    try {
      await wholeRead(port, transport); // warm-up: JIT and the simulator's first dataset
      const read = await measure(RUNS, () => wholeRead(port, transport));
      rows.push({ link, 'records read': read.last, 'median ms': Math.round(read.medianMs), 'slowest ms': Math.round(Math.max(...read.samplesMs)) });
    } finally {
      child.kill();
    }
  }
  return rows;
}

/** One sync turn with a clear to follow, on a fresh full terminal; the span from DISABLE to ENABLE. */
async function keypadLockedDuringClearingRead(faults: ZkSimulatorOptions['faults']): Promise<{ lockedMs: number; cleared: boolean }> {
  const { port, child } = await startSimulatorProcess(benchFile, fullTerminal(faults));
  try {
    let lockedAt: number | null = null;
    let lockedMs = 0;
    const timed = async (options: ZkConnectOptions): Promise<ZkDevice> => {
      const device = await connectZk(options);
      const disable = async () => {
        await device.disable();
        lockedAt = performance.now();
      };
      const enable = async () => {
        await device.enable();
        if (lockedAt !== null) lockedMs += performance.now() - lockedAt;
        lockedAt = null;
      };
      return new Proxy(device, {
        get(target, property, receiver) {
          if (property === 'disable') return disable;
          if (property === 'enable') return enable;
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    };
    const device: DeviceToRead = {
      id: 'bench',
      name: 'Bench terminal',
      host: HOST,
      port,
      transport: 'auto',
      nameEncoding: 'utf-8',
      clearPolicy: { mode: 'when-fuller-than', percent: 1 },
      timeZone: null,
      timeoutSeconds: 60,
    };
    const result = await readDevice(device, null, null, 120, {
      connect: timed,
      clock: systemClock,
      commit: (readout) => ({ committed: readout.records.length, inserted: readout.records.length }),
      flushToDisk: () => true,
      recordClear: () => undefined,
      onPhase: () => undefined,
      ownerOfSerial: () => null,
    });
    return { lockedMs, cleared: result.cleared };
  } finally {
    child.kill();
  }
}

async function keypadTimes(): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  for (const { link, faults } of LINKS.filter((entry) => entry.transport === 'tcp')) {
    const samples: number[] = [];
    let cleared = true;
    for (let run = 0; run < CLEAR_RUNS; run++) {
      const turn = await keypadLockedDuringClearingRead(faults);
      samples.push(turn.lockedMs);
      cleared &&= turn.cleared;
    }
    rows.push({ link, 'log cleared': cleared ? 'yes' : 'no', 'keypad locked, median ms': Math.round(median(samples)), 'longest ms': Math.round(Math.max(...samples)) });
  }
  return rows;
}

export async function run(): Promise<void> {
  printTable(`ZK whole read: ${RECORDS.toLocaleString('en-US')} 40-byte records from the simulator (loopback), median of ${RUNS} runs`, await readTimes());
  printTable(`Keypad locked during a sync turn that clears ${RECORDS.toLocaleString('en-US')} records (loopback), median of ${CLEAR_RUNS} runs`, await keypadTimes());
}
