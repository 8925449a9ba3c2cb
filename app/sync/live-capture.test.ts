// Live capture against the ZK simulator: reconnecting after the device goes away, and the push path
// that sends what arrives, while a run's own push is not disturbed.
import { afterEach, describe, expect, it } from 'vitest';
import { employeeName } from '../sim/erpnext';
import { startZkSimulator, type ZkSimulator } from '../sim/zk';
import { createLiveCapture, type LiveCapture } from './live-capture';
import { createLivePusher, type LivePusher } from './live-capture-push';
import { startHarness, type Harness } from './test-harness';

let harness: Harness;
let capture: LiveCapture | undefined;
let pusher: LivePusher | undefined;

afterEach(async () => {
  await capture?.close();
  await pusher?.close();
  await harness.close();
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Live capture is connected and registered for events, on its one connection (a dropped one may
 * linger on the device's side for a moment): a punch now is delivered live.
 */
const listening = (simulator: ZkSimulator) =>
  waitFor(() => capture?.status()[0]?.connected === true && simulator.connections === 1 && simulator.eventSubscribers === 1, 5_000);

function startLive(h: Harness, timing: { heartbeatMs?: number; timeoutMs?: number } = {}) {
  pusher = createLivePusher({
    journal: h.journal,
    settings: { getErpnext: () => h.settings.erpnext, getSyncSettings: () => h.settings.sync },
    secrets: { get: (name) => h.secrets.get(name) ?? null },
    engine: h.engine,
    delayMs: 100,
  });
  capture = createLiveCapture({
    journal: h.journal,
    secrets: { get: (name) => h.secrets.get(name) ?? null },
    onPunch: pusher.notify,
    reconnectMinMs: 50,
    reconnectMaxMs: 200,
    ...timing,
  });
  capture.refresh();
  return capture;
}

describe('live capture', { timeout: 60_000 }, () => {
  it('reconnects after the device restarts and keeps delivering punches', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 0 }, config: { live: true } }] });
    const live = startLive(harness);
    const first = harness.devices[0]!.simulator;
    await listening(first);
    first.punch({ userId: '2', time: '2026-11-24 08:00:00' });
    await waitFor(() => harness.erpnext.checkins.length === 1, 5_000);

    const { port, serialNumber } = first;
    await first.close();
    await waitFor(() => live.status()[0]?.connected === false, 5_000);
    const restarted = await startZkSimulator({ port, serialNumber, recordCount: 0 });
    harness.devices[0]!.simulator = restarted;
    await listening(restarted);
    restarted.punch({ userId: '4', time: '2026-11-24 08:05:00', state: 1 });
    await waitFor(() => harness.erpnext.checkins.length === 2, 5_000);
    // ERPNext has the checkin a moment before the journal records its answer.
    await waitFor(() => harness.journal.countByState().synced === 2, 5_000);
    expect(harness.erpnext.checkins.map((checkin) => [checkin.employee, checkin.log_type])).toEqual([
      [employeeName(2), 'IN'],
      [employeeName(4), 'OUT'],
    ]);
    expect(harness.journal.queryPunches({}).rows.map((punch) => [punch.userId, punch.source, punch.state]).sort()).toEqual([
      ['2', 'live', 'synced'],
      ['4', 'live', 'synced'],
    ]);

    await live.close();
    await waitFor(() => restarted.connections === 0, 5_000);
  });

  it('notices a device that stops answering without closing the connection, and reconnects once it answers', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 0 }, config: { live: true } }] });
    const live = startLive(harness, { heartbeatMs: 100, timeoutMs: 400 });
    const device = harness.devices[0]!.simulator;
    await waitFor(() => live.status()[0]?.connected === true, 5_000);
    // Quiet but present: several heartbeats pass and the connection stays up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(live.status()[0]?.connected).toBe(true);

    // Power cut or pulled cable: the socket stays open, nothing answers.
    await device.setFaults({ silent: true });
    await waitFor(() => live.status()[0]?.connected === false, 5_000);
    await device.setFaults({ silent: false });
    await listening(device);
    device.punch({ userId: '3', time: '2026-11-24 08:10:00' });
    await waitFor(() => harness.erpnext.checkins.length === 1, 5_000);
  });

  it('keeps retrying a device that is off, and shows the error on the device after a few tries', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 0 }, config: { live: true } }] });
    const device = harness.devices[0]!;
    const { port, serialNumber } = device.simulator;
    await device.simulator.close();
    const live = startLive(harness);
    await waitFor(() => harness.journal.getDevice(device.stored.id)?.lastError !== null, 10_000);
    expect(harness.journal.getDevice(device.stored.id)?.lastError?.message).toMatch(/^Live capture cannot stay connected: /);
    device.simulator = await startZkSimulator({ port, serialNumber, recordCount: 0 });
    await waitFor(() => live.status()[0]?.connected === true, 5_000);
  });

  it('leaves punches that arrive during a run to that run, then pushes what came after it', async () => {
    harness = await startHarness({ devices: [{ simulator: { recordCount: 30 }, config: { live: true } }] });
    startLive(harness);
    const device = harness.devices[0]!.simulator;
    await listening(device);
    const run = harness.engine.runOnce('manual');
    // At the device's clock now: after every record of its seeded log, so exactly one punch has this time.
    const livePunch = device.punch({ userId: '9' });
    const summary = await run;
    expect(summary.outcome).toBe('ok');
    await waitFor(() => harness.journal.countByState().pending === 0, 5_000);
    // Every punch once: the 30 in the log, and the live one whether the run or the pusher sent it.
    expect(harness.erpnext.checkins).toHaveLength(31);
    const day = livePunch.time.slice(0, 10);
    const userNinePunches = harness.journal.queryPunches({ search: '9', from: day, to: day }).rows;
    expect(userNinePunches.filter((punch) => punch.userId === '9' && punch.deviceTime === livePunch.time)).toHaveLength(1);
  });
});
