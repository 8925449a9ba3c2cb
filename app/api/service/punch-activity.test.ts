import { describe, expect, it } from 'vitest';
import { deviceConfig, punch, tempJournal } from '../../journal/test-support';
import { openSettings } from '../../settings';
import { createFakeClock } from '../../sync';
import { tempFolder } from '../../testing/temp-folders';
import { punchActivity } from './punch-activity';

// 20:30 UTC on Monday 2 March 2026: already Tuesday 02:00 in Kolkata and 00:30 in Dubai (the
// ERPNext zone), still Monday 15:30 in New York.
const NOW = Date.parse('2026-03-02T20:30:00.000Z');

function setUp(now = NOW) {
  const journal = tempJournal();
  const settings = openSettings(tempFolder('punch-activity'));
  settings.setErpnext({ url: 'https://erp.example.com', apiKey: 'a1b2c3d4e5', serverTimeZone: 'Asia/Dubai' });
  const gate = journal.addDevice(deviceConfig({ name: 'Main gate', timeZone: 'Asia/Kolkata' }));
  const store = journal.addDevice(deviceConfig({ name: 'Store', host: '10.0.0.9', timeZone: 'America/New_York' }));
  return { context: { journal, settings, clock: createFakeClock(now) }, journal, gate, store };
}

const hourCounts = (activity: ReturnType<typeof punchActivity>) => Object.fromEntries(activity.todayByHour.filter(({ count }) => count > 0).map(({ hour, count }) => [hour, count]));

describe('punch activity', () => {
  it('counts today by hour and the week by day on each device’s own clock, summed over devices in two zones', () => {
    const { context, journal, gate, store } = setUp();
    journal.insertPunches('CQZ7200001', gate.id, 'zk', [
      punch('1', '2026-02-24 23:59:59'), // eight days back in Kolkata: out of the week
      punch('1', '2026-02-25 08:00:00'), // the week's first day
      punch('2', '2026-03-02 23:59:59'), // Kolkata's yesterday, one second before its midnight
      punch('2', '2026-03-03 00:00:00'), // Kolkata's today, at its midnight
      punch('3', '2026-03-03 01:15:00'),
    ]);
    journal.insertPunches('BOCK1949603', store.id, 'zk', [
      punch('7', '2026-03-01 23:59:59'), // New York's yesterday
      punch('7', '2026-03-02 08:05:00'), // New York's today
      punch('8', '2026-03-02 08:40:00'),
      punch('7', '2026-03-02 17:10:00'),
    ]);
    journal.insertPunches('UNKNOWN0001', null, 'zk', [punch('9', '2026-03-03 01:00:00')]);

    const activity = punchActivity(context);

    expect(activity.today).toBe('2026-03-03');
    // 00:30 in Dubai: every later hour of its today is still to come.
    expect(activity.currentHour).toBe(0);
    expect(activity.todayByHour.map(({ hour }) => hour)).toEqual([...Array(24).keys()]);
    expect(hourCounts(activity)).toEqual({ 0: 1, 1: 1, 8: 2, 17: 1 });
    expect(activity.weekByDay).toEqual([
      { day: '2026-02-25', count: 1 },
      { day: '2026-02-26', count: 0 },
      { day: '2026-02-27', count: 0 },
      { day: '2026-02-28', count: 0 },
      { day: '2026-03-01', count: 0 },
      { day: '2026-03-02', count: 2 },
      { day: '2026-03-03', count: 5 },
    ]);
  });

  it('moves a punch from today to yesterday when the device’s day turns', async () => {
    // 18:20 UTC is 23:50 in Kolkata.
    const { context, journal, gate } = setUp(Date.parse('2026-03-02T18:20:00.000Z'));
    journal.insertPunches('CQZ7200001', gate.id, 'zk', [punch('1', '2026-03-02 23:30:00')]);
    const before = punchActivity(context);
    expect(hourCounts(before)).toEqual({ 23: 1 });
    expect(before.weekByDay.at(-1)?.count).toBe(1);

    await context.clock.advance(20 * 60_000);
    const after = punchActivity(context);
    expect(hourCounts(after)).toEqual({});
    expect(after.weekByDay.at(-1)?.count).toBe(0);
    expect(after.weekByDay.at(-2)?.count).toBe(1);
  });

  it('has seven days of nothing and an hour of nothing for every hour without punches or devices', () => {
    const { context } = setUp();
    const activity = punchActivity(context);
    expect(activity.todayByHour.every(({ count }) => count === 0)).toBe(true);
    expect(activity.weekByDay.map(({ count }) => count)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
