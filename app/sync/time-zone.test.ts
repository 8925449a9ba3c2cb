import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertDeviceTime, instantToWallClock, wallClockToInstant } from './time-zone';

describe('convertDeviceTime', () => {
  it('moves a Kolkata wall clock to Dubai (1h30 behind)', () => {
    expect(convertDeviceTime('2026-11-25 09:00:00', 'Asia/Kolkata', 'Asia/Dubai')).toEqual({
      serverTime: '2026-11-25 07:30:00',
      timeNote: null,
    });
  });

  it('crosses midnight and a month end', () => {
    expect(convertDeviceTime('2026-03-01 00:15:00', 'Asia/Kolkata', 'UTC').serverTime).toBe('2026-02-28 18:45:00');
  });

  it('is the identity when device and server share a zone, even across a DST change', () => {
    for (const time of ['2026-11-25 09:00:00', '2026-03-29 01:59:59', '2026-03-29 03:00:00', '2026-10-25 01:30:00']) {
      expect(convertDeviceTime(time, 'Europe/Berlin', 'Europe/Berlin')).toEqual({ serverTime: time, timeNote: null });
    }
  });

  it('uses summer and winter offsets for Berlin and New York', () => {
    expect(convertDeviceTime('2026-07-01 12:00:00', 'Europe/Berlin', 'UTC').serverTime).toBe('2026-07-01 10:00:00');
    expect(convertDeviceTime('2026-01-15 12:00:00', 'Europe/Berlin', 'UTC').serverTime).toBe('2026-01-15 11:00:00');
    expect(convertDeviceTime('2026-07-01 12:00:00', 'America/New_York', 'Asia/Kolkata').serverTime).toBe('2026-07-01 21:30:00');
    expect(convertDeviceTime('2026-01-15 12:00:00', 'America/New_York', 'Asia/Kolkata').serverTime).toBe('2026-01-15 22:30:00');
  });

  it('shifts a Berlin spring-forward gap time forward by the gap and flags it', () => {
    const converted = convertDeviceTime('2026-03-29 02:30:00', 'Europe/Berlin', 'UTC');
    expect(converted.serverTime).toBe('2026-03-29 01:30:00');
    expect(converted.timeNote).toMatch(/does not exist in Europe\/Berlin.*03:30:00/);
  });

  it('takes the earlier of two Berlin fall-back times and flags it', () => {
    const converted = convertDeviceTime('2026-10-25 02:30:00', 'Europe/Berlin', 'UTC');
    expect(converted.serverTime).toBe('2026-10-25 00:30:00');
    expect(converted.timeNote).toMatch(/happened twice in Europe\/Berlin.*UTC\+02:00/);
  });

  it('handles New York gap and overlap the same way', () => {
    const gap = convertDeviceTime('2026-03-08 02:15:00', 'America/New_York', 'UTC');
    expect(gap.serverTime).toBe('2026-03-08 07:15:00');
    expect(instantToWallClock(wallClockToInstant('2026-03-08 02:15:00', 'America/New_York').instant, 'America/New_York')).toBe(
      '2026-03-08 03:15:00',
    );
    expect(gap.timeNote).not.toBeNull();
    const overlap = convertDeviceTime('2026-11-01 01:30:00', 'America/New_York', 'UTC');
    expect(overlap.serverTime).toBe('2026-11-01 05:30:00');
    expect(overlap.timeNote).not.toBeNull();
  });

  it('does not flag the times right beside a change', () => {
    expect(convertDeviceTime('2026-03-29 01:59:59', 'Europe/Berlin', 'UTC')).toEqual({ serverTime: '2026-03-29 00:59:59', timeNote: null });
    expect(convertDeviceTime('2026-03-29 03:00:00', 'Europe/Berlin', 'UTC')).toEqual({ serverTime: '2026-03-29 01:00:00', timeNote: null });
    expect(convertDeviceTime('2026-10-25 03:00:00', 'Europe/Berlin', 'UTC')).toEqual({ serverTime: '2026-10-25 02:00:00', timeNote: null });
  });

  it('handles quarter-hour offsets and half-hour DST steps', () => {
    expect(convertDeviceTime('2026-11-25 12:00:00', 'Asia/Kathmandu', 'UTC')).toEqual({ serverTime: '2026-11-25 06:15:00', timeNote: null });
    // Lord Howe Island moves its clocks by 30 minutes, 02:00 -> 02:30, on the first Sunday of October.
    const gap = convertDeviceTime('2026-10-04 02:15:00', 'Australia/Lord_Howe', 'UTC');
    expect(gap.serverTime).toBe('2026-10-03 15:45:00');
    expect(gap.timeNote).toMatch(/02:45:00/);
    expect(convertDeviceTime('2026-10-04 02:30:00', 'Australia/Lord_Howe', 'UTC')).toEqual({ serverTime: '2026-10-03 15:30:00', timeNote: null });
  });

  it('can land in the server zone\'s own overlap and keep the right reading', () => {
    // 00:30 UTC on the Berlin fall-back day is the first 02:30 in Berlin.
    expect(convertDeviceTime('2026-10-25 06:00:00', 'Asia/Kolkata', 'Europe/Berlin').serverTime).toBe('2026-10-25 02:30:00');
  });

  it('gives the same answers whatever zone the PC is in', () => {
    const moduleUrl = new URL('./time-zone.ts', import.meta.url).href;
    const script = `
      const { convertDeviceTime } = await import(${JSON.stringify(moduleUrl)});
      const cases = [
        ['2026-11-25 09:00:00', 'Asia/Kolkata', 'Asia/Dubai'],
        ['2026-03-29 02:30:00', 'Europe/Berlin', 'America/New_York'],
        ['2026-10-25 02:30:00', 'Europe/Berlin', 'Asia/Kolkata'],
        ['2026-11-01 01:30:00', 'America/New_York', 'Europe/Berlin'],
      ];
      console.log(JSON.stringify({ pcZone: Intl.DateTimeFormat().resolvedOptions().timeZone, results: cases.map((c) => convertDeviceTime(...c)) }));
    `;
    const outputs = ['UTC', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Berlin'].map((pcZone) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ: pcZone },
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        encoding: 'utf8',
      }),
    );
    const parsed = outputs.map((output) => JSON.parse(output) as { pcZone: string; results: { serverTime: string }[] });
    expect(parsed.map((run) => run.pcZone)).toEqual(['UTC', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Berlin']);
    for (const run of parsed) expect(run.results).toEqual(parsed[0]!.results);
    const [first, second] = parsed[0]!.results;
    expect(first!.serverTime).toBe('2026-11-25 07:30:00');
    expect(second!.serverTime).toBe('2026-03-28 21:30:00');
  });
});
