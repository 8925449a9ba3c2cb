import { describe, expect, it } from 'vitest';
import { forecastLogFull } from './log-fill-forecast';

describe('log full forecast', () => {
  it('gives the day the log fills at the rate of the recent reads', () => {
    const samples = [
      { at: '2026-03-01T09:00:00.000Z', count: 40_000 },
      { at: '2026-03-02T09:00:00.000Z', count: 40_500 },
      { at: '2026-03-03T09:00:00.000Z', count: 41_000 },
    ];
    // 500 a day, 9,000 left: 18 days after the last read.
    expect(forecastLogFull(samples, 50_000)).toEqual({ kind: 'full-by', day: '2026-03-21', perDay: 500 });
  });

  it('counts only since the log was last cleared', () => {
    const samples = [
      { at: '2026-02-01T09:00:00.000Z', count: 10_000 },
      { at: '2026-03-01T09:00:00.000Z', count: 90_000 },
      { at: '2026-03-02T09:00:00.000Z', count: 100 },
      { at: '2026-03-04T09:00:00.000Z', count: 2_100 },
    ];
    // 1,000 a day since the clear, 97,900 left.
    expect(forecastLogFull(samples, 100_000)).toEqual({ kind: 'full-by', day: '2026-06-10', perDay: 1_000 });
  });

  it('says when less than a day of reads cannot tell, or the log is not growing', () => {
    expect(forecastLogFull([], 100_000)).toEqual({ kind: 'not-enough-history' });
    expect(forecastLogFull([{ at: '2026-03-01T09:00:00.000Z', count: 5 }, { at: '2026-03-01T17:00:00.000Z', count: 90 }], 100_000)).toEqual({ kind: 'not-enough-history' });
    expect(forecastLogFull([{ at: '2026-03-01T09:00:00.000Z', count: 5 }, { at: '2026-03-03T09:00:00.000Z', count: 5 }], 100_000)).toEqual({ kind: 'not-filling' });
  });
});
