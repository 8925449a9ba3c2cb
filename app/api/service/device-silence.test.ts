import { afterEach, describe, expect, it } from 'vitest';
import { deviceConfig, punch, tempJournal } from '../../journal/test-support';
import { openSettings } from '../../settings';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, startZkSimulator } from '../../sim';
import { createFakeClock } from '../../sync';
import { tempFolder } from '../../testing/temp-folders';
import type { DeviceRunResult, RunSummary } from '../contract';
import { deviceSilenceNews } from './device-silence';
import { createPunchbridgeService } from '.';

// Monday 2026-03-02, 12:30 in Kolkata; the devices keep Kolkata time.
const NOW = Date.parse('2026-03-02T07:00:00.000Z');
const PAST_MONDAYS = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23'];

function setUp() {
  const journal = tempJournal();
  const settings = openSettings(tempFolder('device-silence'));
  const clock = createFakeClock(NOW);
  return { journal, settings, clock };
}

function runWith(journal: ReturnType<typeof tempJournal>, results: Partial<DeviceRunResult>[]): void {
  const { id, startedAt } = journal.startRun('schedule');
  const devices = results.map((result) => ({ deviceName: '', serialNumber: null, ok: true, read: 0, new: 0, cleared: false, clockSkewSeconds: null, error: null, durationMs: 1, deviceId: '', ...result }));
  const counts = { read: 0, new: 0, synced: 0, duplicates: 0, unmatched: 0, rejected: 0, failed: 0 };
  const summary: RunSummary = { id, trigger: 'schedule', startedAt, finishedAt: startedAt, outcome: 'ok', counts, devices, errors: [], warnings: [] };
  journal.finishRun(summary);
}

describe('device silence news', () => {
  it('tells of a device read at 12:10 that had no punch at 09:00-12:00, hours its past Mondays had them', () => {
    const context = setUp();
    const gate = context.journal.addDevice(deviceConfig({ name: 'Main gate', timeZone: 'Asia/Kolkata' }));
    context.journal.recordDeviceRead(gate.id, { serialNumber: 'CQZ7200001', readAt: '2026-03-02T06:40:00.000Z', clockSkewSeconds: 0, recordCount: 40, recordCapacity: 100_000 });
    const history = PAST_MONDAYS.flatMap((day) => ['09:05:00', '10:10:00', '11:20:00'].map((time) => punch('7', `${day} ${time}`)));
    context.journal.insertPunches('CQZ7200001', gate.id, 'zk', [...history, punch('7', '2026-03-02 08:50:00')]);

    expect(deviceSilenceNews(context)).toEqual([
      expect.objectContaining({ code: 'device-quiet', message: 'Main gate has had no punch today in hours it usually has them, from 09:00 on.' }),
    ]);

    context.journal.insertPunches('CQZ7200001', gate.id, 'zk', [punch('8', '2026-03-02 10:15:00'), punch('9', '2026-03-02 11:30:00')]);
    expect(deviceSilenceNews(context)).toEqual([]);
  });

  it('tells of an enabled device that failed its last three runs, not of a disabled one', () => {
    const context = setUp();
    const canteen = context.journal.addDevice(deviceConfig({ name: 'Canteen' }));
    const spare = context.journal.addDevice(deviceConfig({ name: 'Spare', enabled: false }));
    runWith(context.journal, [{ deviceId: canteen.id, ok: true }]);
    for (let run = 0; run < 3; run += 1) runWith(context.journal, [{ deviceId: canteen.id, ok: false }, { deviceId: spare.id, ok: false }]);

    expect(deviceSilenceNews(context).map((news) => news.message)).toEqual([
      'Canteen could not be read in the last 3 runs in a row; its punches since are not in ERPNext.',
    ]);
  });
});

describe('device silence news, read from a terminal through a sync', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  // The terminal's clock reads Monday 14:00 in Kolkata when the service's fixed clock does.
  const MONDAY_AFTERNOON = Date.parse('2026-03-02T08:30:00.000Z');
  const deviceClockOffsetSeconds = () => Math.round((Date.UTC(2026, 2, 2, 14, 0, 0) - (Date.now() - new Date().getTimezoneOffset() * 60_000)) / 1000);

  async function syncedStatus(quietToday: boolean) {
    const device = await startZkSimulator({ userCount: 6, shiftLogDays: 28, quietToday, clockOffsetSeconds: deviceClockOffsetSeconds() });
    cleanups.push(() => device.close());
    const erpnext = await startErpnextSimulator({ employees: 6 });
    cleanups.push(() => erpnext.close());
    const service = await createPunchbridgeService({ dataDir: tempFolder('device-silence-sync'), mode: 'headless', clock: createFakeClock(MONDAY_AFTERNOON) });
    cleanups.push(() => service.close());
    await service.setPaused({ paused: true });
    await service.saveErpnextSettings({ url: erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, serverTimeZone: 'Asia/Kolkata' });
    await service.addDevice({ name: 'Main gate', host: '127.0.0.1', port: device.port, timeZone: 'Asia/Kolkata' });
    await service.syncNow();
    return service.getStatus();
  }

  it('tells of a terminal that answers but took no punch this morning, in hours its past Mondays had them', async () => {
    const status = await syncedStatus(true);
    expect(status.attention.filter((item) => item.code === 'device-quiet').map((item) => item.message)).toEqual([
      'Main gate has had no punch today in hours it usually has them, from 08:00 on.',
    ]);
  });

  it('says nothing of a terminal whose morning punches came in', async () => {
    const status = await syncedStatus(false);
    expect(status.attention.map((item) => item.code)).not.toContain('device-quiet');
  });
});

describe('device silence news, when the terminal stops answering', () => {
  it('tells of a terminal that could not be read in three runs in a row, not after one or two', async () => {
    const device = await startZkSimulator({ userCount: 2, recordCount: 4 });
    const erpnext = await startErpnextSimulator({ employees: 2 });
    const service = await createPunchbridgeService({ dataDir: tempFolder('device-silence-gone'), mode: 'headless' });
    try {
      await service.setPaused({ paused: true });
      await service.saveErpnextSettings({ url: erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, serverTimeZone: 'UTC' });
      await service.addDevice({ name: 'Canteen', host: '127.0.0.1', port: device.port, timeZone: 'UTC', timeoutSeconds: 5 });
      await service.syncNow();
      // Unplugged: connecting is refused, on TCP and on the UDP fallback.
      await device.close();
      for (let run = 1; run <= 3; run++) {
        const before = (await service.getStatus()).attention.map((item) => item.code);
        expect(before).not.toContain('device-unreachable-runs');
        await service.syncNow();
      }
      const news = (await service.getStatus()).attention.filter((item) => item.code === 'device-unreachable-runs');
      expect(news.map((item) => item.message)).toEqual(['Canteen could not be read in the last 3 runs in a row; its punches since are not in ERPNext.']);
    } finally {
      await service.close();
      await erpnext.close();
    }
  });
});
