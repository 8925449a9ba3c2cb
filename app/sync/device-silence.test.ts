import { describe, expect, it } from 'vitest';
import { quietHoursNews, unreachableNews, usualHours, type PunchHourCount } from './device-silence';

// 2026-03-02 is a Monday; the four Mondays before it are Feb 2, 9, 16 and 23.
const TODAY = '2026-03-02';
const PAST_MONDAYS = ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23'];

function shift(days: string[], hours: number[]): PunchHourCount[] {
  return days.flatMap((day) => hours.map((hour) => ({ day, hour, count: 12 })));
}

describe('usual hours', () => {
  it('are the hours with punches on three of the last four same weekdays', () => {
    const history = [...shift(PAST_MONDAYS, [8, 9, 17]), ...shift(PAST_MONDAYS.slice(0, 2), [13]), ...shift(['2026-02-24'], [6])];
    expect(usualHours(history, TODAY)).toEqual([8, 9, 17]);
  });

  it('leave out what is older than four weeks and other weekdays', () => {
    const history = shift(['2026-01-26', '2026-02-03', '2026-02-10', '2026-02-17'], [8]);
    expect(usualHours(history, TODAY)).toEqual([]);
  });
});

describe('quiet hours', () => {
  const history = shift(PAST_MONDAYS, [8, 9, 10, 17]);

  it('are news when two usual hours passed before the last read without a punch', () => {
    expect(quietHoursNews({ deviceName: 'Main gate', history, readUpTo: `${TODAY} 11:05:00`, today: TODAY })).toEqual({
      code: 'device-quiet',
      message: 'Main gate has had no punch today in hours it usually has them, from 08:00 on.',
      action: expect.stringContaining('Open Devices'),
    });
  });

  it('are not news while only one usual hour has passed, or when punches came in them', () => {
    expect(quietHoursNews({ deviceName: 'Main gate', history, readUpTo: `${TODAY} 09:30:00`, today: TODAY })).toBeNull();
    const punched = [...history, { day: TODAY, hour: 9, count: 3 }];
    expect(quietHoursNews({ deviceName: 'Main gate', history: punched, readUpTo: `${TODAY} 10:30:00`, today: TODAY })).toBeNull();
  });

  it('are not judged on hours the last read did not reach, or on a device with no history', () => {
    expect(quietHoursNews({ deviceName: 'Main gate', history, readUpTo: '2026-03-01 23:00:00', today: TODAY })).toBeNull();
    expect(quietHoursNews({ deviceName: 'Main gate', history, readUpTo: null, today: TODAY })).toBeNull();
    expect(quietHoursNews({ deviceName: 'Main gate', history: [], readUpTo: `${TODAY} 18:00:00`, today: TODAY })).toBeNull();
  });
});

describe('unreachable runs', () => {
  it('are news after three failed runs in a row, not after two or a success among them', () => {
    expect(unreachableNews('Canteen', [false, false, false])?.message).toBe(
      'Canteen could not be read in the last 3 runs in a row; its punches since are not in ERPNext.',
    );
    expect(unreachableNews('Canteen', [false, false])).toBeNull();
    expect(unreachableNews('Canteen', [false, true, false, false])).toBeNull();
  });
});
