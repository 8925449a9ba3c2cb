import { describe, expect, it } from 'vitest';
import { TimeZoneSchema, currentZoneName, timeZoneNames } from './zones';

describe('time zone names', () => {
  it('lists time zones by the names ERPNext uses, each one a zone the schema accepts', () => {
    const names = timeZoneNames();
    expect(names).toContain('Asia/Kolkata');
    expect(names).toContain('UTC');
    expect(names).toContain('Asia/Ho_Chi_Minh');
    expect(names).toContain('Europe/Kyiv');
    expect(names).not.toContain('Asia/Calcutta');
    expect(new Set(names).size).toBe(names.length);
    for (const zone of names) expect(TimeZoneSchema.safeParse(zone).success, zone).toBe(true);
    // Renamed zones keep the same clock as their old names.
    const instant = new Date('2026-07-01T12:00:00Z');
    const offset = (zone: string) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(instant);
    expect(offset(currentZoneName('Asia/Katmandu'))).toBe(offset('Asia/Katmandu'));
  });
});
