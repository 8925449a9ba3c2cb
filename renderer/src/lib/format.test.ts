import { describe, expect, it } from 'vitest';
import { describeSkew, durationBetween, formatWallClock } from './format';

describe('formatWallClock', () => {
  it('shows a device wall-clock time as it is', () => {
    expect(formatWallClock('2026-11-25 09:15:02')).toBe('25 Nov 2026, 09:15');
    expect(formatWallClock('2026-11-25 09:15:02', { seconds: true })).toBe('25 Nov 2026, 09:15:02');
    expect(formatWallClock(null)).toBe('—');
  });

  it("shows an instant the app recorded in this computer's zone", () => {
    const instant = '2026-11-25T09:15:02.000Z';
    const local = new Date(instant);
    const two = (value: number) => String(value).padStart(2, '0');
    expect(formatWallClock(instant)).toBe(`${local.getDate()} Nov 2026, ${two(local.getHours())}:${two(local.getMinutes())}`);
  });
});

describe('durations', () => {
  it('measures between wall-clock values and between instants alike', () => {
    expect(durationBetween('2026-11-25 09:15:00', '2026-11-25 09:16:05')).toBe('1 min 5 s');
    expect(durationBetween('2026-11-25T09:15:00.000Z', '2026-11-25T09:15:09.400Z')).toBe('9 s');
  });

  it('says which way a clock is off', () => {
    expect(describeSkew(412)).toBe('6 min 52 s ahead');
    expect(describeSkew(-30)).toBe('30 s behind');
  });
});
