import { afterEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../sim/zk';
import { connectZk } from '../zk';
import { systemClock } from './clock';
import { readDevice, type DeviceReadHooks, type DeviceReadout, type DeviceToRead } from './device-read';

const simulators: ZkSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function simulator(options: ZkSimulatorOptions = {}) {
  const started = await startZkSimulator(options);
  simulators.push(started);
  return started;
}

function deviceFor(sim: ZkSimulator, changes: Partial<DeviceToRead> = {}): DeviceToRead {
  return {
    id: 'dev-1',
    name: 'Main gate',
    host: sim.host,
    port: sim.port,
    transport: 'auto',
    nameEncoding: 'utf-8',
    clearPolicy: { mode: 'never' },
    timeZone: null,
    timeoutSeconds: 60,
    ...changes,
  };
}

function hooks(changes: Partial<DeviceReadHooks> = {}) {
  const committed: DeviceReadout[] = [];
  const clears: number[] = [];
  const phases: string[] = [];
  const all: DeviceReadHooks = {
    connect: connectZk,
    clock: systemClock,
    commit: (readout) => {
      committed.push(readout);
      return { committed: readout.records.length, inserted: readout.records.length };
    },
    flushToDisk: () => (phases.push('flushed'), true),
    recordClear: (_readout, count) => void clears.push(count),
    onPhase: (phase) => void (phases.at(-1) !== phase && phases.push(phase)),
    ...changes,
  };
  return { all, committed, clears, phases };
}

const PC_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

describe('readDevice', () => {
  it('reads identity, users and every record, commits them, and leaves the device enabled and disconnected', async () => {
    const sim = await simulator({ recordCount: 120, userCount: 7, serialNumber: 'SER-A' });
    const { all, committed, phases } = hooks();
    const result = await readDevice(deviceFor(sim), null, PC_ZONE, 120, all);
    expect(result).toMatchObject({ ok: true, serialNumber: 'SER-A', read: 120, new: 120, cleared: false, error: null, recordCount: 120 });
    expect(Math.abs(result.clockSkewSeconds!)).toBeLessThanOrEqual(2);
    expect(result.warnings).toEqual([]);
    expect(committed[0]!.records).toHaveLength(120);
    expect(committed[0]!.users).toHaveLength(7);
    expect(phases).toEqual(['connecting', 'reading-users', 'reading-records', 'saving', 'done']);
    expect(sim.isDisabled).toBe(false);
    expect(sim.clearCount).toBe(0);
    await expect.poll(() => sim.connections).toBe(0);
  });

  it('warns when the device clock is more than the limit off, in the device zone', async () => {
    const sim = await simulator({ clockOffsetSeconds: 600 });
    const result = await readDevice(deviceFor(sim), null, PC_ZONE, 120, hooks().all);
    expect(result.clockSkewSeconds).toBeGreaterThanOrEqual(598);
    expect(result.warnings[0]).toMatch(/Main gate: the device clock is 10 minutes ahead/);
  });

  it('logs in with the comm key, and reports a wrong one as a failed device with advice', async () => {
    const sim = await simulator({ commKey: 123456 });
    expect((await readDevice(deviceFor(sim), '123456', PC_ZONE, 120, hooks().all)).ok).toBe(true);
    const wrong = await readDevice(deviceFor(sim), '111', PC_ZONE, 120, hooks().all);
    expect(wrong.ok).toBe(false);
    expect(wrong.error?.code).toBe('comm-key-wrong');
  });

  it('clears a log fuller than the policy\'s share after the commit, and records the clear', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    const { all, clears, phases } = hooks();
    const result = await readDevice(deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } }), null, PC_ZONE, 120, all);
    expect(result.cleared).toBe(true);
    expect(sim.clearCount).toBe(1);
    expect(sim.records).toHaveLength(0);
    expect(clears).toEqual([60]);
    expect(phases.slice(phases.indexOf('saving'))).toEqual(['saving', 'flushed', 'clearing', 'done']);
    expect(sim.isDisabled).toBe(false);
  });

  it('does not clear when the saved punches could not be written through to disk', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    const device = deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } });
    const result = await readDevice(device, null, PC_ZONE, 120, hooks({ flushToDisk: () => false }).all);
    expect(result).toMatchObject({ ok: true, cleared: false, read: 60 });
    expect(result.warnings.join(' ')).toMatch(/Main gate: the log was not cleared because the saved punches could not be written through to disk/);
    expect(sim.clearCount).toBe(0);
    expect(sim.records).toHaveLength(60);
  });

  it('does not clear a log holding a record with an impossible date, which the journal cannot keep', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100, includeInvalidDate: true });
    const result = await readDevice(deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } }), null, PC_ZONE, 120, hooks().all);
    expect(result.cleared).toBe(false);
    expect(sim.clearCount).toBe(0);
    expect(result.warnings.join(' ')).toMatch(/Main gate: the log was not cleared because 1 record\(s\) on it have times no calendar has/);
  });

  it('does not clear below the threshold', async () => {
    const sim = await simulator({ recordCount: 40, recordCapacity: 100 });
    const result = await readDevice(deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } }), null, PC_ZONE, 120, hooks().all);
    expect(result.cleared).toBe(false);
    expect(sim.clearCount).toBe(0);
  });

  it('does not clear when the journal did not take every record, or when saving failed', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    const device = deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } });
    const short = await readDevice(device, null, PC_ZONE, 120, hooks({ commit: (readout) => ({ committed: readout.records.length - 1, inserted: 0 }) }).all);
    expect(short.cleared).toBe(false);
    expect(short.warnings.join(' ')).toMatch(/not cleared/);
    const broken = await readDevice(device, null, PC_ZONE, 120, hooks({ commit: () => { throw new Error('disk full'); } }).all);
    expect(broken).toMatchObject({ ok: false, cleared: false });
    expect(broken.error?.message).toMatch(/disk full/);
    expect(sim.clearCount).toBe(0);
    expect(sim.records).toHaveLength(60);
    expect(sim.isDisabled).toBe(false);
  });

  it('keeps a punch made during the read: the device holds it while disabled, and the clear cannot take it', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    const userId = sim.users[0]!.userId;
    const { all } = hooks({
      commit: (readout) => {
        sim.punch({ userId, time: '2026-11-25 10:00:00' });
        return { committed: readout.records.length, inserted: readout.records.length };
      },
    });
    const result = await readDevice(deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } }), null, PC_ZONE, 120, all);
    expect(result.cleared).toBe(true);
    expect(sim.records.map((record) => record.time)).toEqual(['2026-11-25 10:00:00']);
  });

  it('reports a connection dropped mid-read as a failed device, with nothing committed', async () => {
    const sim = await simulator({ recordCount: 3000, faults: { dropAfterBytes: 20_000 } });
    const { all, committed } = hooks();
    const result = await readDevice(deviceFor(sim), null, PC_ZONE, 120, all);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBeTruthy();
    expect(committed).toHaveLength(0);
  });

  it('reports an unreachable device without throwing', async () => {
    const sim = await simulator();
    const port = sim.port;
    await sim.close();
    simulators.pop();
    const result = await readDevice({ ...deviceFor(sim), port }, null, PC_ZONE, 120, hooks({ connect: (options) => connectZk({ ...options, timeoutMs: 500 }) }).all);
    expect(result.ok).toBe(false);
    expect(result.error?.action).toBeTruthy();
  });
});

describe('the per-device timeout', () => {
  it('gives a slow terminal as long as its Timeout setting says, and names the setting when that is too short', { timeout: 40_000 }, async () => {
    const sim = await simulator({ recordCount: 2000, faults: { slowPrepareMs: 6500 } });
    const tooShort = await readDevice(deviceFor(sim, { timeoutSeconds: 5 }), null, null, 120, hooks().all);
    expect(tooShort.ok).toBe(false);
    expect(tooShort.error?.message).toContain('within 5 s');
    expect(tooShort.error?.action).toContain('Timeout setting');
    const enough = await readDevice(deviceFor(sim, { timeoutSeconds: 10 }), null, null, 120, hooks().all);
    expect(enough).toMatchObject({ ok: true, read: 2000 });
  });
});
