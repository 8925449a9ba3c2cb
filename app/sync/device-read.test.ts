import { afterEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../sim/zk';
import { connectZk, type ZkDevice } from '../zk';
import { systemClock } from './clock';
import { CMD_REFRESHDATA } from '../zk/constants';
import { KEYPAD_LOCK_SECONDS, readDevice, type DeviceReadHooks, type DeviceReadout, type DeviceToRead } from './device-read';

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
    ownerOfSerial: () => null,
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
    expect(result.warnings.join(' ')).toMatch(/Main gate: the log was not cleared because 1 record\(s\) on it cannot be kept as punches/);
  });

  it('skips and reports a record whose user id is damaged bytes, keeps the others, and does not clear', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100, includeGarbledUserId: true });
    const read = hooks();
    const result = await readDevice(deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } }), null, PC_ZONE, 120, read.all);
    const committed = read.committed.flatMap((readout) => readout.records.map((record) => record.userId));
    expect(result).toMatchObject({ ok: true, cleared: false, read: 59 });
    expect(committed).toHaveLength(59);
    expect(committed.every((userId) => /^[0-9]+$/.test(userId))).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/1 record\(s\) on the device cannot be punches \(The record's user id holds bytes that are not text/);
    expect(sim.clearCount).toBe(0);
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

  it('does not clear when a punch lands during the read: it stays on the device for the next run, which clears', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    const userId = sim.users[0]!.userId;
    const device = deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } });
    const { all } = hooks({
      commit: (readout) => {
        sim.punch({ userId, time: '2026-11-25 10:00:00' });
        return { committed: readout.records.length, inserted: readout.records.length };
      },
    });
    const result = await readDevice(device, null, PC_ZONE, 120, all);
    expect(result.cleared).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/1 new punch\(es\) arrived while it was being read \(61 on it, 60 saved\)/);
    expect(sim.records).toHaveLength(61);
    const next = await readDevice(device, null, PC_ZONE, 120, hooks().all);
    expect(next).toMatchObject({ read: 61, cleared: true });
    expect(sim.records).toHaveLength(0);
  });

  it('lets employees punch while the log is read and saved: the keypad is locked only for the last count and the clear', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    const lockedIn: Record<string, boolean> = {};
    const { all } = hooks({ onPhase: (phase) => void (lockedIn[phase] ||= sim.isDisabled) });
    const result = await readDevice(deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 50 } }), null, PC_ZONE, 120, all);
    expect(result.cleared).toBe(true);
    expect(lockedIn).toMatchObject({ 'reading-users': false, 'reading-records': false, saving: false, clearing: true });
    expect(sim.isDisabled).toBe(false);
  });

  const clearing = { clearPolicy: { mode: 'when-fuller-than', percent: 50 } } as const;

  it('reads the whole log of a device that reports half its count, warns with both figures, and does not clear', async () => {
    const sim = await simulator({ recordCount: 80, recordCapacity: 100, faults: { misreportRecordCount: 'half' } });
    const { all, committed } = hooks();
    const result = await readDevice(deviceFor(sim, clearing), null, PC_ZONE, 120, all);
    expect(result).toMatchObject({ ok: true, read: 80, cleared: false });
    expect(committed[0]!.records.map((record) => `${record.userId} ${record.time}`)).toEqual(sim.records.map((record) => `${record.userId} ${record.time}`));
    expect(result.warnings.join(' ')).toMatch(/Main gate: the device reports 40 record\(s\) but its log holds 80\..*will not be cleared/);
    expect(sim.clearCount).toBe(0);
    expect(sim.records).toHaveLength(80);
  });

  it.each(['one-more', 'one-less'] as const)('keeps every record of a small log whose count is %s, and does not clear it', async (fault) => {
    const sim = await simulator({ recordCount: 3, recordCapacity: 4, faults: { misreportRecordCount: fault } });
    const { all, committed } = hooks();
    const result = await readDevice(deviceFor(sim, clearing), null, PC_ZONE, 120, all);
    expect(committed[0]!.records.map((record) => record.userId)).toEqual(sim.records.map((record) => record.userId));
    expect(committed[0]!.records.every((record) => /^\d+$/.test(record.userId) && !record.time.startsWith('2000'))).toBe(true);
    expect(result.cleared).toBe(false);
    expect(sim.clearCount).toBe(0);
  });

  it('takes a punch that landed between the count and the read for what it is, not for a miscounting device', async () => {
    const sim = await simulator({ recordCount: 20 });
    // The device counted 19 just before the punch that the read then carried.
    const countedBeforeAPunch = (device: ZkDevice) =>
      new Proxy(device, {
        get: (target, key) =>
          key === 'readAttendance'
            ? async (...args: Parameters<ZkDevice['readAttendance']>) => ({ ...(await target.readAttendance(...args)), reportedCount: 19 })
            : Reflect.get(target, key, target),
      });
    const result = await readDevice(deviceFor(sim), null, PC_ZONE, 120, hooks({ connect: async (options) => countedBeforeAPunch(await connectZk(options)) }).all);
    expect(result).toMatchObject({ ok: true, read: 20 });
    expect(result.warnings).toEqual([]);
  });

  it('leaves the keypad free when no clear will follow', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    expect((await readDevice(deviceFor(sim), null, PC_ZONE, 120, hooks().all)).ok).toBe(true);
    expect((await readDevice(deviceFor(sim, { clearPolicy: { mode: 'when-fuller-than', percent: 90 } }), null, PC_ZONE, 120, hooks().all)).ok).toBe(true);
    expect(sim.disableCount).toBe(0);
  });

  it('locks the keypad with the auto-unlock timeout when a clear follows', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100 });
    const result = await readDevice(deviceFor(sim, clearing), null, PC_ZONE, 120, hooks().all);
    expect(result.cleared).toBe(true);
    expect(sim.disableCount).toBeGreaterThan(0);
    expect(sim.lastDisableTimeoutSeconds).toBe(KEYPAD_LOCK_SECONDS);
    expect(sim.isDisabled).toBe(false);
  });

  it('a terminal whose session dies while locked unlocks itself once the lock times out', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100, faults: { staysDisabledAfterDisconnect: true } });
    // The PC goes away while the keypad is locked for the clear, before it can unlock it.
    const diesBeforeTheClear = (device: ZkDevice) =>
      new Proxy(device, {
        get: (target, key) =>
          key === 'clearAttendance'
            ? async () => {
                await target.disconnect();
                throw new Error('connection lost');
              }
            : Reflect.get(target, key, target),
      });
    const result = await readDevice(deviceFor(sim, clearing), null, PC_ZONE, 120, hooks({ keypadLockSeconds: 1, connect: async (options) => diesBeforeTheClear(await connectZk(options)) }).all);
    expect(result.ok).toBe(false);
    expect(sim.isDisabled).toBe(true);
    await expect.poll(() => sim.isDisabled, { timeout: 10_000 }).toBe(false);
    expect(sim.clearCount).toBe(0);
  });

  it('does not clear a terminal that ignored "disable" and took a punch during the read', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100, faults: { ignoreDisable: true } });
    const userId = sim.users[0]!.userId;
    const { all } = hooks({
      commit: (readout) => {
        sim.punch({ userId, time: '2026-11-25 10:00:00' });
        return { committed: readout.records.length, inserted: readout.records.length };
      },
    });
    const result = await readDevice(deviceFor(sim, clearing), null, PC_ZONE, 120, all);
    expect(result.cleared).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/1 new punch\(es\) arrived while it was being read/);
    expect(sim.clearCount).toBe(0);
    expect(sim.records).toHaveLength(61);
  });

  it('counts a clear whose REFRESHDATA the device refused as a clear', async () => {
    const sim = await simulator({ recordCount: 60, recordCapacity: 100, faults: { ackErrorFor: CMD_REFRESHDATA } });
    const { all, clears } = hooks();
    const result = await readDevice(deviceFor(sim, clearing), null, PC_ZONE, 120, all);
    expect(result).toMatchObject({ ok: true, cleared: true, error: null });
    expect(clears).toEqual([60]);
    expect(sim.records).toHaveLength(0);
  });

  it('files the punches of a device with an empty serial number under its MAC address', async () => {
    const sim = await simulator({ serialNumber: '', recordCount: 5 });
    const { all, committed } = hooks();
    const result = await readDevice(deviceFor(sim), null, PC_ZONE, 120, all);
    expect(result).toMatchObject({ ok: true, read: 5, serialNumber: 'mac:00:17:61:50:42:01' });
    expect(committed[0]!.serialNumber).toBe('mac:00:17:61:50:42:01');
  });

  it('gives a device that refuses both its serial number and its MAC an identity of its own', async () => {
    const sim = await simulator({ serialNumber: null, macAddress: null, recordCount: 5 });
    const { all, committed } = hooks();
    const result = await readDevice(deviceFor(sim), null, PC_ZONE, 120, all);
    expect(result).toMatchObject({ ok: true, read: 5, serialNumber: 'device:dev-1' });
    expect(committed[0]!.serialNumber).toBe('device:dev-1');
  });

  it('keeps a second unit reporting a serial another device carries apart, and says so', async () => {
    const sim = await simulator({ serialNumber: 'TWIN-1', recordCount: 5 });
    const { all, committed } = hooks({ ownerOfSerial: (serial) => (serial === 'TWIN-1' ? { deviceId: 'front-door', name: 'Front door' } : null) });
    const result = await readDevice(deviceFor(sim), null, PC_ZONE, 120, all);
    expect(result).toMatchObject({ ok: true, serialNumber: 'device:dev-1' });
    expect(committed[0]!.serialNumber).toBe('device:dev-1');
    expect(result.warnings.join(' ')).toMatch(/Main gate reports the serial number TWIN-1, which Front door also reports\..*kept apart under "device:dev-1"/);
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
