import { afterEach, describe, expect, it } from 'vitest';
import type { RunProgress } from '../vocabulary';
import { checkinKeys, startHarness, type Harness } from './test-harness';
import { runExitCode } from './run-summary';
import { createFakeClock } from './fake-clock';
import { acquireRunLock } from './run-lock';
import { createSyncEngine, createSyncScheduler } from './sync-engine';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('a sync run', () => {
  it('reads every device, sends every punch once, and a second run sends nothing', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 40, seed: 1 } }, { simulator: { recordCount: 30, seed: 2 } }] });
    const progress: RunProgress[] = [];
    harness.engine.onProgress((snapshot) => progress.push(snapshot));
    const first = await harness.engine.runOnce('manual');
    expect(first.outcome).toBe('ok');
    expect(first.counts).toMatchObject({ read: 70, new: 70, synced: 70, duplicates: 0, unmatched: 0, rejected: 0, failed: 0 });
    expect(first.devices.map((device) => [device.deviceName, device.ok, device.read])).toEqual([
      ['Device 1', true, 40],
      ['Device 2', true, 30],
    ]);
    expect(harness.erpnext.checkins).toHaveLength(70);
    expect(new Set(checkinKeys(harness.erpnext)).size).toBe(70);
    expect(harness.journal.countByState()).toMatchObject({ synced: 70, pending: 0 });
    expect(runExitCode(first)).toBe(0);

    const phases = new Set(progress.flatMap((snapshot) => snapshot.devices.map((device) => device.phase)));
    expect([...phases]).toEqual(expect.arrayContaining(['waiting', 'connecting', 'reading-records', 'saving', 'done']));
    expect(progress.at(-1)!.push).toEqual({ done: 70, total: 70 });
    expect(progress.some((snapshot) => snapshot.devices.some((device) => device.phase === 'reading-records' && device.bytesTotal > 0))).toBe(true);

    const callsBefore = harness.erpnext.checkinCallCount;
    const second = await harness.engine.runOnce('schedule');
    expect(second.counts).toMatchObject({ read: 70, new: 0, synced: 0 });
    expect(harness.erpnext.checkinCallCount).toBe(callsBefore);
    expect(harness.journal.listRuns(10).map((run) => run.id)).toEqual([second.id, first.id]);

    // One new punch, one checkin call: the kept client does not probe the endpoint again.
    harness.devices[0]!.simulator.punch({ userId: '3', time: '2026-11-25 08:30:00' });
    const third = await harness.engine.runOnce('schedule');
    expect(third.counts).toMatchObject({ new: 1, synced: 1 });
    expect(harness.erpnext.checkinCallCount).toBe(callsBefore + 1);
  });

  it('sends the time in the server zone with the log type of the device rule', async () => {
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 5 }, config: { timeZone: 'Asia/Kolkata', logTypeRule: 'in' } }],
      erpnext: { timeZone: 'Asia/Dubai' },
      erpnextSettings: { serverTimeZone: 'Asia/Dubai' },
    });
    const summary = await harness.engine.runOnce('manual');
    expect(summary.counts.synced).toBe(5);
    const punches = harness.journal.queryPunches({ limit: 10 }).rows;
    for (const punch of punches) {
      const [date, time] = punch.deviceTime.split(' ');
      const expected = new Date(Date.parse(`${date}T${time}Z`) - 90 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
      expect(punch.serverTime).toBe(expected);
      expect(punch.logType).toBe('IN');
    }
    expect(harness.erpnext.checkins.map((checkin) => String(checkin.time).slice(0, 19)).sort()).toEqual(punches.map((punch) => punch.serverTime).sort());
  });

  it('runs on the schedule on top of the engine, and a manual trigger joins a scheduled run', async () => {
    harness = await startHarness();
    const clock = createFakeClock(Date.now());
    const finished: number[] = [];
    harness.engine.onRunFinished((summary) => finished.push(summary.id));
    const scheduler = createSyncScheduler(harness.engine, { clock, intervalMinutes: 5 });
    scheduler.start();
    expect(scheduler.state().running).toBe(true);
    const joined = await scheduler.trigger('manual');
    expect(joined.trigger).toBe('startup');
    await clock.advance(0);
    expect(scheduler.state().nextRunAt).toBe(clock.now() + 5 * 60_000);
    const next = new Promise((resolve) => harness!.engine.onRunFinished(resolve));
    await clock.advance(5 * 60_000);
    await next;
    expect(harness.journal.listRuns(10).map((run) => run.trigger)).toEqual(['schedule', 'startup']);
    expect(finished).toHaveLength(2);
    scheduler.stop();
  });

  it('joins a second trigger to the run in progress', async () => {
    harness = await startHarness();
    const [a, b] = await Promise.all([harness.engine.runOnce('manual'), harness.engine.runOnce('schedule')]);
    expect(a).toBe(b);
    expect(harness.journal.listRuns(10)).toHaveLength(1);
  });

  it('ignores punches before the import start date', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 60 } }] });
    const punchesOnDevice = harness.devices[0]!.simulator.records.map((record) => record.time).sort();
    const startDate = punchesOnDevice[30]!.slice(0, 10);
    harness.settings.sync = { ...harness.settings.sync, importStartDate: startDate };
    const summary = await harness.engine.runOnce('manual');
    const before = punchesOnDevice.filter((time) => time < `${startDate} 00:00:00`).length;
    expect(harness.journal.countByState()).toMatchObject({ ignored: before, synced: 60 - before });
    expect(summary.counts.synced).toBe(60 - before);
    expect(harness.erpnext.checkins.every((checkin) => String(checkin.time) >= startDate)).toBe(true);
  });

  it('still reads devices into the journal when ERPNext is not set up, and says so', async () => {
    harness = await startHarness();
    harness.settings.erpnext = null;
    const summary = await harness.engine.runOnce('cli');
    expect(summary.counts).toMatchObject({ read: 50, new: 50, synced: 0 });
    expect(summary.errors.map((error) => error.code)).toEqual(['erpnext-not-configured']);
    expect(runExitCode(summary)).toBe(2);
    expect(harness.journal.countByState().pending).toBe(50);
  });

  it('moves a Shift Type\'s last sync to the earliest read of its devices, in the server zone', async () => {
    harness = await startHarness({
      devices: [{}, {}],
      erpnext: { timeZone: 'Asia/Kolkata', shiftTypes: [{ name: 'Day Shift' }, { name: 'Night Shift' }] },
      erpnextSettings: { serverTimeZone: 'Asia/Kolkata' },
    });
    const [one, two] = harness.devices.map((device) => device.stored.id) as [string, string];
    harness.settings.sync = {
      ...harness.settings.sync,
      shiftTypes: [
        { name: 'Day Shift', deviceIds: [one, two] },
        { name: 'Night Shift', deviceIds: [two] },
      ],
    };
    const started = Date.now();
    await harness.engine.runOnce('manual');
    const day = harness.erpnext.shiftTypes.find((shift) => shift.name === 'Day Shift')!;
    const lastSync = String(day.last_sync_of_checkin);
    const asUtc = Date.parse(`${lastSync.replace(' ', 'T')}Z`) - 330 * 60_000;
    // On the device clock, which the device gives to the second.
    expect(asUtc).toBeGreaterThanOrEqual(started - 5000);
    expect(asUtc).toBeLessThanOrEqual(Date.now());

    await harness.devices[1]!.simulator.setFaults({ refuseTcp: true, refuseUdp: true });
    const night = harness.erpnext.shiftTypes.find((shift) => shift.name === 'Night Shift')!;
    const nightBefore = night.last_sync_of_checkin;
    const dayBefore = day.last_sync_of_checkin;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const summary = await harness.engine.runOnce('manual');
    expect(summary.warnings.join(' ')).toMatch(/Shift Type "Day Shift": last sync not moved/);
    expect(day.last_sync_of_checkin).toBe(dayBefore);
    expect(night.last_sync_of_checkin).toBe(nightBefore);
  });

  it('keeps a second process out while a run holds the lock', async () => {
    harness = await startHarness();
    const lockFile = `${harness.dataDir}/sync.lock`;
    const engine = createSyncEngine({
      journal: harness.journal,
      settings: { getErpnext: () => harness!.settings.erpnext, getSyncSettings: () => harness!.settings.sync },
      secrets: { get: (name) => harness!.secrets.get(name) ?? null },
      lockFile,
    });
    const otherProcess = acquireRunLock(lockFile);
    const refused = await engine.runOnce('manual');
    expect(refused.errors[0]?.code).toBe('sync-already-running');
    expect(harness.erpnext.checkins).toHaveLength(0);
    if (otherProcess.ok) otherProcess.release();
    const taken = await engine.runOnce('manual');
    engine.close();
    expect(taken.counts.synced).toBe(50);
  });
});
