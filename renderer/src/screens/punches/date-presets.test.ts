import { describe, expect, it } from 'vitest';
import { dateRangePresets } from './date-presets';

describe('date range presets', () => {
  it('counts the week from Monday and ends every range today', () => {
    // Wednesday 25 November 2026.
    expect(dateRangePresets(new Date(2026, 10, 25, 9, 30))).toEqual([
      { label: 'Today', value: ['2026-11-25', '2026-11-25'] },
      { label: 'Yesterday', value: ['2026-11-24', '2026-11-24'] },
      { label: 'This week', value: ['2026-11-23', '2026-11-25'] },
      { label: 'Last 7 days', value: ['2026-11-19', '2026-11-25'] },
      { label: 'This month', value: ['2026-11-01', '2026-11-25'] },
    ]);
  });
});
