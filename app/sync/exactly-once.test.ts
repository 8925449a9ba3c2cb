// Lost answers, the time trap and refused punches through
// whole sync runs: real simulators, a real journal file.
import { afterEach, describe, expect, it } from 'vitest';
import { createErpnextClient, type CheckinPunch, type ErpnextConnection } from '../erpnext';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, defaultUsers, type ApiUser, type LostAnswer } from '../sim/erpnext';
import { systemClock } from './clock';
import { createLivePusher } from './live-capture-push';
import { checkinKeys, startHarness, type Harness } from './test-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const KIOSK: ApiUser = { apiKey: 'kiosk-key', apiSecret: 'kiosk-secret', user: 'kiosk@example.com', roles: ['Employee'] };

function tickingClock(): () => Date {
  let now = Date.parse('2026-12-01T10:00:00Z');
  return () => new Date((now += 1000));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Synced punches and the checkin each one records as its own. */
function syncedPunches(h: Harness) {
  return h.journal.queryPunches({ states: ['synced'], limit: 1000 }).rows;
}

/** ERPNext holds every synced punch exactly once, at its own time, and each punch knows its checkin. */
function expectEachOnceWithItsCheckin(h: Harness, punches: number): void {
  const synced = syncedPunches(h);
  expect(synced).toHaveLength(punches);
  expect(new Set(checkinKeys(h.erpnext)).size).toBe(h.erpnext.checkins.length);
  const byName = new Map(h.erpnext.checkins.map((checkin) => [String(checkin.name), checkin]));
  for (const punch of synced) {
    expect(punch.checkinName).not.toBeNull();
    expect(byName.get(punch.checkinName!)?.time).toBe(punch.serverTime);
  }
  expect(new Set(synced.map((punch) => punch.checkinName)).size).toBe(punches);
}

async function runUntilSettled(h: Harness, maxRuns = 6): Promise<void> {
  for (let run = 0; run < maxRuns; run++) {
    await h.engine.runOnce('manual');
    const counts = h.journal.countByState();
    if (counts.pending === 0 && counts.failed === 0) return;
    // Failed punches wait for their backoff between runs; this is "Sync now".
    h.journal.requeueByState(['failed']);
  }
}

describe('exactly once when answers are slow or lost', { timeout: 60_000 }, () => {
  it.each<LostAnswer>(['reset', 'bad-gateway', 'gateway-timeout'])(
    'answers lost after the commit (%s): each punch is looked up before it is sent again, and keeps the checkin ERPNext made',
    async (as) => {
      harness = await startHarness({ devices: [{ simulator: { recordCount: 60 } }], erpnext: { seed: 5, faults: { lostAnswers: { share: 0.3, as } } } });
      await runUntilSettled(harness);
      expectEachOnceWithItsCheckin(harness, 60);
      expect(harness.erpnext.checkins).toHaveLength(60);
      expect(harness.journal.listInDoubt()).toEqual([]);
    },
  );

  it('a punch left in doubt when a run ends is looked up by the next run, after a restart too', async () => {
    // The answers are lost, and so is every lookup until ERPNext is reachable again.
    let lookupsDown = true;
    const factory = (connection: ErpnextConnection) => {
      const created = createErpnextClient(connection);
      if (!created.ok) return created;
      const client = created.value;
      const unreachable = { code: 'erpnext-unreachable', message: 'Nothing answered.', action: 'Check the network.' };
      return { ok: true as const, value: { ...client, findCheckin: async (punch: CheckinPunch) => (lookupsDown ? { ok: false as const, error: unreachable } : client.findCheckin(punch)) } };
    };
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 30 } }],
      erpnext: { faults: { lostAnswers: { share: 1, as: 'reset' } } },
      engine: { erpnextClientFactory: factory },
    });
    await harness.engine.runOnce('manual');
    expect(harness.erpnext.checkins.length).toBeGreaterThan(0);
    const inDoubt = harness.journal.listInDoubt();
    expect(inDoubt.length).toBe(harness.erpnext.checkins.length);
    const [held] = harness.journal.queryPunches({ states: ['failed'], limit: 100 }).rows.filter((punch) => inDoubt.includes(punch.id));
    expect(held!.lastError).toContain('looks it up there before sending it again');
    harness.erpnext.setFaults({ lostAnswers: null });
    lookupsDown = false;
    const restarted = harness.restartEngine();
    harness.journal.requeueByState(['failed']);
    for (let run = 0; run < 4 && harness.journal.countByState().synced < 30; run++) {
      await restarted.runOnce('manual');
      harness.journal.requeueByState(['failed']);
    }
    expectEachOnceWithItsCheckin(harness, 30);
    expect(harness.erpnext.checkins).toHaveLength(30);
  });

  it('commits slower than the read timeout: the push waits past the worker timeout and nothing doubles', async () => {
    // Scaled down from the field (20 s patience, commits of 20-40 s, bench's 120 s): reads give up
    // after 100 ms, bench kills a request after 2 s, a fifth of the commits take 1.2 s, longer than
    // a read's patience and the first backoff together, so a lookup alone would come too early.
    const factory = (connection: ErpnextConnection) => createErpnextClient({ ...connection, timeoutMs: 100, writeTimeoutMs: 2500 });
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 40 } }],
      erpnext: { seed: 3, faults: { slowCommits: { share: 0.2, delayMs: 1200 }, workerTimeoutMs: 2000 } },
      engine: { erpnextClientFactory: factory },
    });
    await runUntilSettled(harness);
    expectEachOnceWithItsCheckin(harness, 40);
    expect(harness.erpnext.checkins).toHaveLength(40);
  });
});

describe('the time trap stays stopped', { timeout: 60_000 }, () => {
  it('stops every later run, a restart and the live pusher until lifted; then one punch is checked before the rest', async () => {
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 40 } }],
      // ERPNext's own clock moves a second per look, so checkins it times itself do not collide.
      erpnext: { users: [...defaultUsers(), KIOSK], clock: tickingClock() },
      erpnextSettings: { apiKey: KIOSK.apiKey },
      apiSecret: KIOSK.apiSecret,
    });
    const h = harness;
    const first = await h.engine.runOnce('manual');
    expect(first.outcome).toBe('failed');
    const wrong = h.erpnext.checkins.map((checkin) => String(checkin.name));
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.length).toBeLessThanOrEqual(h.settings.sync.pushConcurrency);
    const stopError = first.errors.find((error) => error.code === 'erpnext-time-trap')!;
    for (const name of wrong) expect(stopError.message).toContain(name);
    expect(stopError.action).toContain('delete');

    // Later runs, a restarted engine and the live pusher send nothing at all.
    const calls = h.erpnext.checkinCallCount;
    const second = await h.engine.runOnce('manual');
    expect(second.errors.map((error) => error.code)).toContain('erpnext-time-trap');
    await h.restartEngine().runOnce('manual');
    let pushed = 0;
    const pusher = createLivePusher({
      journal: h.journal,
      settings: { getErpnext: () => h.settings.erpnext, getSyncSettings: () => h.settings.sync },
      secrets: { get: (name) => h.secrets.get(name) ?? null },
      engine: h.engine,
      delayMs: 0,
      onPushed: () => pushed++,
    });
    pusher.notify();
    await until(() => pushed === 1);
    await pusher.close();
    expect(h.erpnext.checkinCallCount).toBe(calls);
    expect(h.journal.getPushStop()?.wrongCheckins.map((checkin) => checkin.checkinName).sort()).toEqual([...wrong].sort());

    // Lifted while the role is still wrong: one punch goes, is caught, and pushing stops again.
    expect(h.journal.liftPushStop()).toBe(true);
    const third = await h.engine.runOnce('manual');
    expect(h.erpnext.checkins).toHaveLength(wrong.length + 1);
    const listed = third.errors.find((error) => error.code === 'erpnext-time-trap')!.message;
    for (const checkin of h.erpnext.checkins) expect(listed).toContain(String(checkin.name));
    expect(h.journal.getPushStop()?.liftedAt).toBeNull();

    // The role fixed (here: the HR user's key), lifted again: everything goes, each at its own time.
    h.settings.erpnext = { ...h.settings.erpnext!, apiKey: DEFAULT_API_KEY };
    h.secrets.set('erpnext.apiSecret', DEFAULT_API_SECRET);
    const wrongNow = h.erpnext.checkins.map((checkin) => String(checkin.name));
    h.journal.liftPushStop();
    const fixed = await h.engine.runOnce('manual');
    expect(fixed.errors).toEqual([]);
    expect(h.journal.getPushStop()).toBeNull();
    expect(h.journal.countByState()).toMatchObject({ synced: 40, pending: 0, rejected: 0 });
    const right = h.erpnext.checkins.filter((checkin) => !wrongNow.includes(String(checkin.name)));
    expect(right).toHaveLength(40);
    expect(new Set(right.map((checkin) => `${String(checkin.employee)}|${String(checkin.time)}`)).size).toBe(40);
    for (const punch of syncedPunches(h)) expect(right.find((checkin) => checkin.name === punch.checkinName)?.time).toBe(punch.serverTime);
  });
});

describe('a time-trapped save whose answer was lost', { timeout: 60_000 }, () => {
  it('is found by employee, device and log type at the server time it was saved, listed for HR, and its punch sent again once lifted', async () => {
    // ERPNext and Punchbridge read one clock that moves a second per look, so the trapped saves
    // fall between the send and the answer, and never on one second.
    const now = tickingClock();
    const clock = { ...systemClock, now: () => now().getTime() };
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 3, userCount: 3 } }],
      erpnext: { users: [...defaultUsers(), KIOSK], clock: now, faults: { lostAnswers: { share: 1, as: 'reset', first: 1 } } },
      erpnextSettings: { apiKey: KIOSK.apiKey },
      apiSecret: KIOSK.apiSecret,
      sync: { pushConcurrency: 1 },
      engine: { clock },
    });
    const h = harness;
    const listedNames = () => h.journal.getPushStop()!.wrongCheckins.map((checkin) => checkin.checkinName).sort();
    const first = await h.engine.runOnce('manual');
    // The first save's answer was lost; sent again, the punch was trapped a second time and stopped the push.
    expect(h.erpnext.checkins).toHaveLength(2);
    const [lost, answered] = h.erpnext.checkins.map((checkin) => String(checkin.name));
    expect(first.errors.find((error) => error.code === 'erpnext-time-trap')!.message).toContain(answered);
    // The trapped API user may not read other employees' checkins: the lost one cannot be seen yet.
    expect(listedNames()).toEqual([answered]);

    // The role fixed, the checkin listed deleted, the stop lifted: the punch is looked for before
    // it goes again, its lost save found at the server's time, and pushing stops to name it.
    h.erpnext.setFaults({ lostAnswers: null });
    h.settings.erpnext = { ...h.settings.erpnext!, apiKey: DEFAULT_API_KEY };
    h.secrets.set('erpnext.apiSecret', DEFAULT_API_SECRET);
    expect(h.journal.liftPushStop()).toBe(true);
    const second = await h.engine.runOnce('manual');
    expect(h.erpnext.checkins).toHaveLength(2);
    const stop = h.journal.getPushStop()!;
    expect(stop.liftedAt).toBeNull();
    expect(listedNames()).toEqual([lost, answered].sort());
    const savedTime = String(h.erpnext.checkins.find((checkin) => checkin.name === lost)!.time).slice(0, 19);
    expect(stop.wrongCheckins.find((checkin) => checkin.checkinName === lost)!.savedTime).toBe(savedTime);
    expect(second.errors.find((error) => error.code === 'erpnext-time-trap')!.message).toContain(`${lost} (punch`);

    // Lifted again: every punch goes once, at its own time, and the stop is done with.
    expect(h.journal.liftPushStop()).toBe(true);
    await runUntilSettled(h);
    expect(h.journal.getPushStop()).toBeNull();
    const right = h.erpnext.checkins.filter((checkin) => ![lost, answered].includes(String(checkin.name)));
    expect(right).toHaveLength(3);
    expectEachOnceWithItsCheckin(h, 3);
  });

  it('is listed at once when the trapped user may read every checkin (a role without permlevel-1 write)', async () => {
    const now = tickingClock();
    const clerk: ApiUser = { apiKey: 'clerk-key', apiSecret: 'clerk-secret', user: 'clerk@example.com', roles: ['HR User'], noTimeWrite: true };
    harness = await startHarness({
      devices: [{ simulator: { recordCount: 4, userCount: 4 } }],
      erpnext: { users: [...defaultUsers(), clerk], clock: now, faults: { lostAnswers: { share: 1, as: 'reset', first: 1 } } },
      erpnextSettings: { apiKey: clerk.apiKey },
      apiSecret: clerk.apiSecret,
      sync: { pushConcurrency: 2 },
      engine: { clock: { ...systemClock, now: () => now().getTime() } },
    });
    const h = harness;
    const first = await h.engine.runOnce('manual');
    const wrong = h.erpnext.checkins.map((checkin) => String(checkin.name));
    expect(wrong.length).toBeGreaterThanOrEqual(2);
    expect(h.journal.getPushStop()!.wrongCheckins.map((checkin) => checkin.checkinName).sort()).toEqual([...wrong].sort());
    const stopError = first.errors.find((error) => error.code === 'erpnext-time-trap')!;
    for (const name of wrong) expect(stopError.message).toContain(name);

    h.erpnext.setFaults({ lostAnswers: null });
    h.settings.erpnext = { ...h.settings.erpnext!, apiKey: DEFAULT_API_KEY };
    h.secrets.set('erpnext.apiSecret', DEFAULT_API_SECRET);
    expect(h.journal.liftPushStop()).toBe(true);
    await runUntilSettled(h);
    expect(h.journal.getPushStop()).toBeNull();
    expect(h.erpnext.checkins.filter((checkin) => !wrong.includes(String(checkin.name)))).toHaveLength(4);
    expectEachOnceWithItsCheckin(h, 4);
  });
});

describe('one refused punch never stops the rest', { timeout: 60_000 }, () => {
  it('a User Permission refusing some employees holds their punches with the reason, and the others go', async () => {
    const branchUser: ApiUser = {
      apiKey: DEFAULT_API_KEY,
      apiSecret: DEFAULT_API_SECRET,
      user: 'branch@example.com',
      roles: ['HR User'],
      allowedEmployees: ['HR-EMP-00001', 'HR-EMP-00002', 'HR-EMP-00003', 'HR-EMP-00004'],
    };
    harness = await startHarness({ devices: [{ simulator: { recordCount: 60, userCount: 6 } }], erpnext: { users: [branchUser] } });
    const run = await harness.engine.runOnce('manual');
    const records = harness.devices[0]!.simulator.records;
    const refused = records.filter((record) => Number(record.userId) > 4).length;
    expect(refused).toBeGreaterThan(0);
    expect(run.errors).toEqual([]);
    expect(run.counts).toMatchObject({ synced: 60 - refused, rejected: refused });
    expect(run.outcome).toBe('partial');
    const held = harness.journal.queryPunches({ states: ['rejected'], limit: 100 }).rows;
    expect(held.every((punch) => /User Permission/.test(punch.lastError ?? ''))).toBe(true);
    expect(held.map((punch) => punch.userId).sort()).toEqual(records.filter((record) => Number(record.userId) > 4).map((record) => record.userId).sort());
  });

  it.each([
    ['a redirect', { status: 301, location: 'https://erp.example.com/' }, 'erpnext-redirected', 'https://erp.example.com'],
    ['a firewall\'s page', { status: 403, html: '<html><head><title>Attention Required! | Cloudflare</title></head></html>' }, 'erpnext-proxy-page', 'Cloudflare'],
  ])('%s in front of ERPNext stops the run once as a wrong setting, with every punch kept', async (_what, frontAnswer, code, named) => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 30 } }], erpnext: { faults: { frontAnswer } } });
    const run = await harness.engine.runOnce('manual');
    expect(run.errors.map((error) => error.code)).toEqual([code]);
    expect(`${run.errors[0]!.message} ${run.errors[0]!.action}`).toContain(named);
    expect(run.outcome).toBe('failed');
    expect(harness.erpnext.requestCount).toBeLessThanOrEqual(harness.settings.sync.pushConcurrency);
    expect(harness.journal.countByState()).toMatchObject({ pending: 30, rejected: 0, failed: 0 });
  });
});
