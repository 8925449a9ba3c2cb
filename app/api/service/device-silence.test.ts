import { describe, expect, it } from 'vitest';
import { deviceConfig, punch, tempJournal } from '../../journal/test-support';
import { openSettings } from '../../settings';
import { createFakeClock } from '../../sync';
import { tempFolder } from '../../testing/temp-folders';
import type { DeviceRunResult, RunSummary } from '../contract';
import { deviceSilenceNews } from './device-silence';

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
