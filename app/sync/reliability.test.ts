// Whatever goes wrong, every punch ends up in ERPNext exactly once, or waits in the
// journal with its reason. Real simulators, a real journal file.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../vocabulary';
import { createErpnextClient, type ErpnextConnection } from '../erpnext';
import { openJournal } from '../journal';
import { employeeName, type ApiUser } from '../sim/erpnext';
import { runExitCode } from './run-summary';
import { createSyncEngine } from './sync-engine';
import { checkinKeys, createSkippingClock, startHarness, type Harness } from './test-harness';

const HOURS = 3_600_000;
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/**
 * Every punch read is synced, each through one checkin of its own or as ERPNext's duplicate of one
 * already there (the same employee, time and log type from another device), and ERPNext holds
 * nothing twice.
 */
function expectEverythingSentOnce(h: Harness, punches: number): void {
  expect(h.journal.countByState()).toMatchObject({ synced: punches, pending: 0, failed: 0 });
  const synced = h.journal.queryPunches({ states: ['synced'], limit: 1000 }).total;
  expect(synced).toBe(punches);
  expect(new Set(checkinKeys(h.erpnext)).size).toBe(h.erpnext.checkins.length);
  const names = allSyncedCheckinNames(h);
  expect(names.filter((name) => name !== null).sort()).toEqual(h.erpnext.checkins.map((checkin) => String(checkin.name)).sort());
}

function allSyncedCheckinNames(h: Harness): (string | null)[] {
  const names: (string | null)[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = h.journal.queryPunches({ states: ['synced'], offset, limit: 1000 }).rows;
    names.push(...page.map((punch) => punch.checkinName));
    if (page.length < 1000) return names;
  }
}

async function runUntilSettled(h: Harness, skip: (ms: number) => void, maxRuns = 6): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (let run = 0; run < maxRuns; run++) {
    summaries.push(await h.engine.runOnce('schedule'));
    const counts = h.journal.countByState();
    if (counts.pending === 0 && counts.failed === 0) break;
    skip(7 * HOURS);
  }
  return summaries;
}

describe('reliability', { timeout: 60_000 }, () => {
  it('ERPNext down for a whole run: punches wait in the journal, and go once it is back', async () => {
    const clock = createSkippingClock();
    harness = await startHarness({ devices: [{ simulator: { recordCount: 80 } }], engine: { clock } });
    harness.erpnext.setFaults({ dropConnections: true });
    const down = await harness.engine.runOnce('schedule');
    expect(down.counts.read).toBe(80);
    expect(down.errors).toHaveLength(1);
    expect(down.errors[0]!.code).toMatch(/^erpnext-/);
    expect(down.outcome).toBe('partial');
    expect(runExitCode(down)).toBe(1);
    expect(harness.erpnext.checkins).toHaveLength(0);
    const held = harness.journal.countByState();
    expect(held.pending + held.failed).toBe(80);
    // The outage stopped the run early instead of trying all 80 punches three times.
    expect(held.failed).toBeLessThanOrEqual(8);

    harness.erpnext.setFaults({ dropConnections: false });
    await runUntilSettled(harness, clock.skip);
    expectEverythingSentOnce(harness, 80);
  });

  it('10% server errors and 429s: retried with backoff until all is sent, nothing twice', async () => {
    const clock = createSkippingClock();
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 150 } }],
      erpnext: { seed: 7, faults: { failureRate: 0.1, rateLimit: { requests: 60, windowMs: 1000 } } },
      engine: { clock },
    });
    const summaries = await runUntilSettled(harness, clock.skip);
    expectEverythingSentOnce(harness, 150);
    expect(harness.erpnext.checkinCallCount).toBeGreaterThan(150);
    expect(summaries[0]!.counts.synced).toBeGreaterThan(100);
  });

  it('a device dropping the connection mid-read does not stop the other device', async () => {
    const clock = createSkippingClock();
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 600, faults: { dropAfterBytes: 10_000 } } }, { simulator: { recordCount: 40, seed: 3 } }],
      engine: { clock },
    });
    const first = await harness.engine.runOnce('schedule');
    expect(first.devices.map((device) => device.ok)).toEqual([false, true]);
    expect(first.devices[0]!.error?.message).toBeTruthy();
    expect(first.counts).toMatchObject({ read: 40, synced: 40 });
    expect(runExitCode(first)).toBe(1);
    expect(harness.devices[0]!.simulator.isDisabled).toBe(false);

    await harness.devices[0]!.simulator.setFaults({ dropAfterBytes: null });
    const second = await harness.engine.runOnce('schedule');
    expect(second.devices.every((device) => device.ok)).toBe(true);
    const distinct = new Set(harness.devices[0]!.simulator.records.map((record) => `${record.userId}|${record.time}`)).size;
    expectEverythingSentOnce(harness, distinct + 40);
  });

  it('clearing on: a punch made while the device is read is neither cleared away nor lost', async () => {
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 60, recordCapacity: 100 }, config: { clearPolicy: { mode: 'when-fuller-than', percent: 50 } } }],
    });
    const { simulator, stored } = harness.devices[0]!;
    const userId = simulator.users[1]!.userId;
    let punched = false;
    const stop = harness.engine.onProgress((progress) => {
      if (progress.devices[0]!.phase === 'saving' && !punched) {
        punched = true;
        simulator.punch({ userId, time: '2026-11-25 08:59:00' });
      }
    });
    const first = await harness.engine.runOnce('manual');
    stop();
    // The keypad is free while the log is read: the punch lands in the log, the count before the
    // clear shows it, and the clear waits for the next run.
    expect(first.devices[0]).toMatchObject({ ok: true, cleared: false });
    expect(simulator.clearCount).toBe(0);
    expect(simulator.records.map((record) => record.time)).toContain('2026-11-25 08:59:00');

    const second = await harness.engine.runOnce('manual');
    expect(second.devices[0]).toMatchObject({ ok: true, read: 61, cleared: true });
    expect(simulator.clearCount).toBe(1);
    expect(harness.journal.listDeviceClears(stored.id)).toEqual([expect.objectContaining({ recordsRead: 61, recordsCommitted: 61 })]);
    expectEverythingSentOnce(harness, 61);
  });

  it('a wrong API secret stops pushing once, loses nothing, and is a configuration error', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 100 } }], apiSecret: 'not-the-secret' });
    const refused = await harness.engine.runOnce('cli');
    expect(refused.errors.map((error) => error.code)).toEqual(['erpnext-bad-credentials']);
    expect(refused.outcome).toBe('failed');
    expect(runExitCode(refused)).toBe(2);
    expect(harness.erpnext.checkins).toHaveLength(0);
    expect(harness.erpnext.checkinCallCount).toBeLessThanOrEqual(harness.settings.sync.pushConcurrency);
    expect(harness.journal.countByState()).toMatchObject({ pending: 100, failed: 0 });

    harness.secrets.set('erpnext.apiSecret', 'punchbridge-sim-secret');
    const fixed = await harness.engine.runOnce('cli');
    expect(runExitCode(fixed)).toBe(0);
    expectEverythingSentOnce(harness, 100);
  });

  it('unknown user ids wait as unmatched, and go to the mapped employee after a mapping', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 80, userCount: 8 } }], erpnext: { employees: 6 } });
    const first = await harness.engine.runOnce('manual');
    const unknown = harness.devices[0]!.simulator.records.filter((record) => Number(record.userId) > 6).length;
    expect(unknown).toBeGreaterThan(0);
    expect(first.counts).toMatchObject({ unmatched: unknown, synced: 80 - unknown });
    expect(runExitCode(first)).toBe(0);
    const [held] = harness.journal.queryPunches({ states: ['unmatched'], limit: 1 }).rows;
    expect(held!.lastError).toMatch(/No Employee found/);
    expect(harness.journal.listUnmatchedUsers().map((user) => user.userId).sort()).toEqual(['7', '8']);

    for (const userId of ['7', '8']) {
      harness.journal.setMapping({ userId, deviceId: null, employee: 'HR-EMP-00002', employeeName: null });
      harness.journal.requeueUser(userId, null);
    }
    const second = await harness.engine.runOnce('manual');
    expect(second.counts).toMatchObject({ synced: unknown, unmatched: 0 });
    expectEverythingSentOnce(harness, 80);
    const mappedPunches = harness.devices[0]!.simulator.records.filter((record) => ['2', '7', '8'].includes(record.userId)).length;
    expect(harness.erpnext.checkins.filter((checkin) => checkin.employee === 'HR-EMP-00002')).toHaveLength(mappedPunches);
  });

  it('an inactive employee\'s punches are rejected with ERPNext\'s words, and go once reactivated and retried', async () => {
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 60, userCount: 4 } }],
      erpnext: { employees: [1, 2, 3, 4].map((n) => ({ name: `HR-EMP-0000${n}`, attendance_device_id: String(n), status: n === 3 ? 'Inactive' : 'Active' })) },
    });
    const first = await harness.engine.runOnce('manual');
    const ofUser3 = harness.devices[0]!.simulator.records.filter((record) => record.userId === '3').length;
    expect(first.counts.rejected).toBe(ofUser3);
    expect(runExitCode(first)).toBe(1);
    const [rejected] = harness.journal.queryPunches({ states: ['rejected'], limit: 1 }).rows;
    expect(rejected!.lastError).toMatch(/^Transactions cannot be created for an Inactive Employee/);

    const employee = harness.erpnext.employees.find((doc) => doc.name === 'HR-EMP-00003')!;
    employee.status = 'Active';
    expect(harness.journal.requeueByState(['rejected'])).toBe(ofUser3);
    const second = await harness.engine.runOnce('manual');
    expect(second.counts.synced).toBe(ofUser3);
    expectEverythingSentOnce(harness, 60);
  });

  it('the same punch arriving twice, from two reads, two sources or two journals, reaches ERPNext once', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 30 } }] });
    await harness.engine.runOnce('manual');
    const { simulator, stored } = harness.devices[0]!;
    // A second source (ADMS push, a USB file) carrying the same punches adds nothing.
    const again = harness.journal.insertPunches(
      simulator.serialNumber!,
      stored.id,
      'adms',
      simulator.records.map((record) => ({ userId: record.userId, deviceTime: record.time, punchStateCode: record.state, verifyType: record.verify })),
    );
    expect(again).toEqual({ read: 30, inserted: 0 });
    const reread = await harness.engine.runOnce('manual');
    expect(reread.counts).toMatchObject({ read: 30, new: 0, synced: 0 });

    // A journal that lost track (another PC, a reinstall) sends them again: ERPNext's duplicate
    // check answers, and they count as synced without a second checkin.
    const otherJournal = openJournal(`${harness.dataDir}/other.sqlite`);
    try {
      otherJournal.addDevice({ ...stored, commKey: undefined });
      const other = createSyncEngine({
        journal: otherJournal,
        settings: { getErpnext: () => harness!.settings.erpnext, getSyncSettings: () => harness!.settings.sync },
        secrets: { get: (name) => harness!.secrets.get(name) ?? null },
      });
      const second = await other.runOnce('manual');
      other.close();
      expect(second.counts).toMatchObject({ read: 30, new: 30, synced: 0, duplicates: 30 });
      expect(otherJournal.countByState().synced).toBe(30);
    } finally {
      otherJournal.close();
    }
    expectEverythingSentOnce(harness, 30);
  });

  it('slow commits, lost answers, per-document 403s and the time trap all on, run twice: every punch once or held with its reason', async () => {
    const allowed = Array.from({ length: 8 }, (_, index) => employeeName(index + 1));
    const trapped: ApiUser = { apiKey: 'kiosk-key', apiSecret: 'kiosk-secret', user: 'kiosk@example.com', roles: ['Employee'], allowedEmployees: allowed };
    const fixed: ApiUser = { apiKey: 'hr-key', apiSecret: 'hr-secret', user: 'hr@example.com', roles: ['HR User'], allowedEmployees: allowed };
    let serverNow = Date.parse('2026-12-01T10:00:00Z');
    // Scaled down from the field: reads give up after 100 ms, bench kills a request after 2 s, and a
    // slow commit takes longer than a read's patience and the first backoff together.
    const factory = (connection: ErpnextConnection) => createErpnextClient({ ...connection, timeoutMs: 100, writeTimeoutMs: 2500 });
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 120, userCount: 10 } }],
      erpnext: {
        users: [trapped, fixed],
        seed: 11,
        clock: () => new Date((serverNow += 1000)),
        faults: { slowCommits: { share: 0.1, delayMs: 1200 }, workerTimeoutMs: 2000, lostAnswers: { share: 0.2, as: 'reset' } },
      },
      erpnextSettings: { apiKey: trapped.apiKey },
      apiSecret: trapped.apiSecret,
      engine: { erpnextClientFactory: factory },
    });
    const h = harness;
    const refusedUsers = new Set(['9', '10']);

    /** ERPNext holds nothing twice; each synced punch has exactly one checkin at its own time. */
    const expectOnceOrHeld = (stopped: boolean) => {
      expect(new Set(checkinKeys(h.erpnext)).size).toBe(h.erpnext.checkins.length);
      const punches = h.journal.queryPunches({ limit: 1000 }).rows;
      expect(punches).toHaveLength(120);
      for (const punch of punches) {
        if (punch.state === 'synced') {
          const copies = h.erpnext.checkins.filter((checkin) => checkin.employee === punch.employee && checkin.time === punch.serverTime);
          expect(copies.map((checkin) => checkin.name)).toEqual([punch.checkinName]);
        } else if (punch.state === 'rejected') {
          expect(punch.lastError).toMatch(refusedUsers.has(punch.userId) ? /User Permission/ : /its own current time/);
        } else {
          // Waiting: only while the stop stands, which says why.
          expect(stopped).toBe(true);
          expect(['pending', 'failed']).toContain(punch.state);
        }
      }
    };

    for (let run = 0; run < 2; run++) {
      const summary = await h.engine.runOnce('manual');
      expect(summary.errors.map((error) => error.code)).toContain('erpnext-time-trap');
    }
    const stop = h.journal.getPushStop()!;
    expect(stop.liftedAt).toBeNull();
    expect(h.erpnext.checkins.length).toBeLessThanOrEqual(h.settings.sync.pushConcurrency);
    for (const wrong of stop.wrongCheckins) expect(h.erpnext.checkins.map((checkin) => checkin.name)).toContain(wrong.checkinName);
    expectOnceOrHeld(true);

    // The role fixed and the stop lifted: two more runs, the same faults on.
    h.settings.erpnext = { ...h.settings.erpnext!, apiKey: fixed.apiKey };
    h.secrets.set('erpnext.apiSecret', fixed.apiSecret);
    expect(h.journal.liftPushStop()).toBe(true);
    for (let run = 0; run < 2; run++) {
      await h.engine.runOnce('manual');
      h.journal.requeueByState(['failed']);
    }
    for (let run = 0; run < 4 && h.journal.countByState().pending > 0; run++) await h.engine.runOnce('manual');
    expect(h.journal.getPushStop()).toBeNull();
    expect(h.journal.countByState()).toMatchObject({ pending: 0, failed: 0 });
    expectOnceOrHeld(false);
    const refused = h.devices[0]!.simulator.records.filter((record) => refusedUsers.has(record.userId)).length;
    expect(h.journal.countByState()).toMatchObject({ synced: 120 - refused, rejected: refused });
  });
});
