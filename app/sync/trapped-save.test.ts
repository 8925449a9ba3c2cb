import { describe, expect, it } from 'vitest';
import type { CheckinPunch, SavedCheckin } from '../erpnext';
import type { Result } from '../vocabulary';
import { createTrappedSaveFinder, firstUnowned, trapMayHaveCaught, trapWindow } from './trapped-save';

const CHECKIN: CheckinPunch = { employeeFieldValue: '7', timestamp: '2026-11-30 08:02:11', deviceId: 'Gate', logType: 'IN' };
const saved = (checkinName: string, savedTime: string): SavedCheckin => ({ checkinName, employee: 'HR-EMP-00007', savedTime });

describe('the time a trapped save of a punch in doubt would carry', () => {
  it('runs from the send to the worker timeout, widened by five minutes for ERPNext\'s clock, in the server zone', () => {
    // Kolkata is UTC+5:30: a push at 10:00 UTC left at 15:30 on the server's wall clock.
    expect(trapWindow({ sentAt: '2026-12-01T10:00:00.000Z', until: '2026-12-01T10:00:30.000Z' }, 'Asia/Kolkata')).toEqual({
      from: '2026-12-01 15:25:00',
      to: '2026-12-01 15:37:00',
    });
  });

  it('runs to when the push gave up, when that was later than the worker timeout', () => {
    expect(trapWindow({ sentAt: '2026-12-01T10:00:00.000Z', until: '2026-12-01T10:10:00.000Z' }, 'UTC')).toEqual({
      from: '2026-12-01 09:55:00',
      to: '2026-12-01 10:15:00',
    });
  });

  it('is looked in only while a stop stands, or when one stood after the push went', () => {
    const doubt = { sentAt: '2026-12-01T10:00:00.000Z', until: '2026-12-01T10:00:30.000Z' };
    expect(trapMayHaveCaught(doubt, true, null)).toBe(true);
    expect(trapMayHaveCaught(doubt, false, '2026-12-01T10:00:05.000Z')).toBe(true);
    expect(trapMayHaveCaught(doubt, false, '2026-12-01T09:59:59.000Z')).toBe(false);
    expect(trapMayHaveCaught(doubt, false, null)).toBe(false);
  });
});

describe('which saved checkin a punch in doubt may claim', () => {
  it('the earliest one no punch in the journal owns', () => {
    const found = [saved('EMP-CKIN-1', '2026-12-01 10:00:01'), saved('EMP-CKIN-2', '2026-12-01 10:00:09'), saved('EMP-CKIN-3', '2026-12-01 10:00:20')];
    expect(firstUnowned(found, new Set(['EMP-CKIN-1']))?.checkinName).toBe('EMP-CKIN-2');
    expect(firstUnowned(found, new Set(['EMP-CKIN-1', 'EMP-CKIN-2', 'EMP-CKIN-3']))).toBeNull();
  });

  it('asks ERPNext for the window, and leaves out what the journal and the caller name as another punch\'s', async () => {
    const asked: [string, string][] = [];
    const finder = createTrappedSaveFinder({
      journal: { getPushStop: () => null, lastPushStopAt: () => '2026-12-01T10:05:00.000Z', ownedCheckinNames: (names) => new Set(names.filter((name) => name === 'EMP-CKIN-1')) },
      serverZone: 'UTC',
      findCheckinsSavedBetween: async (_checkin, from, to): Promise<Result<SavedCheckin[]>> => {
        asked.push([from, to]);
        return { ok: true, value: [saved('EMP-CKIN-1', '2026-12-01 10:00:01'), saved('EMP-CKIN-2', '2026-12-01 10:00:02'), saved('EMP-CKIN-3', '2026-12-01 10:00:03')] };
      },
    });
    const doubt = { sentAt: '2026-12-01T10:00:00.000Z', until: '2026-12-01T10:00:04.000Z' };
    expect(finder.mayHaveCaught(doubt)).toBe(true);
    const found = await finder.find(CHECKIN, doubt, ['EMP-CKIN-2']);
    expect(found).toEqual({ ok: true, value: saved('EMP-CKIN-3', '2026-12-01 10:00:03') });
    expect(asked).toEqual([['2026-12-01 09:55:00', '2026-12-01 10:07:00']]);
  });

  it('passes on a lookup ERPNext refused, so the punch stays in doubt', async () => {
    const refused = { code: 'erpnext-unreachable', message: 'Nothing answered.', action: 'Check the network.' };
    const finder = createTrappedSaveFinder({
      journal: { getPushStop: () => null, lastPushStopAt: () => null, ownedCheckinNames: () => new Set() },
      serverZone: 'UTC',
      findCheckinsSavedBetween: async () => ({ ok: false, error: refused }),
    });
    expect(await finder.find(CHECKIN, { sentAt: '2026-12-01T10:00:00.000Z', until: '2026-12-01T10:00:04.000Z' })).toEqual({ ok: false, error: refused });
  });
});
