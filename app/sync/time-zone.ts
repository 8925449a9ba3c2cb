// Device clocks keep naive wall-clock time in the device's zone; ERPNext stores naive times in its
// system zone (docs/frappe-hr.md §3.8). We convert between the two through an instant,
// using only IANA zone data (Intl through @date-fns/tz) and UTC arithmetic, so the zone of the PC
// we run on never enters the result.
import { tzOffset } from '@date-fns/tz';

export interface ZonedInstant {
  instant: Date;
  /** Set when a DST change made the wall-clock time impossible (gap) or ambiguous (overlap). */
  timeNote: string | null;
}

export interface ConvertedTime {
  /** The same moment on the server zone's wall clock, `YYYY-MM-DD HH:mm:ss`. */
  serverTime: string;
  timeNote: string | null;
}

const MINUTE_MS = 60_000;
// Zone offsets change only on whole quarter hours in the tz database since clocks were
// standardised, so one lookup per zone and quarter hour serves every punch inside it: Intl is slow
// enough to matter across 100,000 punches.
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const CACHE_LIMIT = 200_000;
const offsetCache = new Map<string, number>();

function offsetMinutes(zone: string, epochMs: number): number {
  const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
  const key = `${zone}|${quarter}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size >= CACHE_LIMIT) offsetCache.clear();
    offset = tzOffset(zone, new Date(quarter * QUARTER_HOUR_MS));
    offsetCache.set(key, offset);
  }
  return offset;
}
// Far enough to reach past any single transition (Samoa skipped a whole day in 2011).
const PROBE_MS = 48 * 60 * MINUTE_MS;

/**
 * The instant a wall-clock time in `zone` stands for. DST rules, stated:
 * - gap (the time never showed, clocks jumped forward): shift forward by the gap, which is what the
 *   device's clock would have read had it followed the change (02:30 in Berlin's spring gap → 03:30);
 * - overlap (the time showed twice, clocks went back): take the earlier instant.
 * Both are flagged with a time note for the UI.
 */
export function wallClockToInstant(wallClock: string, zone: string): ZonedInstant {
  const asUtc = wallClockAsUtcMs(wallClock);
  const offsetBefore = offsetMinutes(zone, asUtc - PROBE_MS);
  const offsetAfter = offsetMinutes(zone, asUtc + PROBE_MS);
  const matches = [...new Set([offsetBefore, offsetAfter])]
    .filter((offset) => offsetMinutes(zone, asUtc - offset * MINUTE_MS) === offset)
    .map((offset) => asUtc - offset * MINUTE_MS)
    .sort((a, b) => a - b);

  if (matches.length === 1) return { instant: new Date(matches[0]!), timeNote: null };
  if (matches.length > 1) {
    const instant = new Date(matches[0]!);
    return {
      instant,
      timeNote: `${wallClock} happened twice in ${zone} (clocks went back); taken as the first of the two, UTC${formatOffset(offsetMinutes(zone, instant.getTime()))}.`,
    };
  }
  // In a gap, no offset fits; the offset in force before the jump lands past it, at the reading
  // the clock would have shown.
  const instant = new Date(asUtc - offsetBefore * MINUTE_MS);
  const shifted = instantToWallClock(instant, zone);
  return {
    instant,
    timeNote: `${wallClock} does not exist in ${zone} (clocks went forward); taken as ${shifted.slice(11)}, as the clock would have read.`,
  };
}

/** The wall-clock reading of `zone` at `instant`. */
export function instantToWallClock(instant: Date, zone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(zone, instant.getTime()) * MINUTE_MS);
  // toISOString reads the UTC fields, which after the shift hold the zone's wall clock.
  return shifted.toISOString().slice(0, 19).replace('T', ' ');
}

/** A device's wall-clock time as the ERPNext server zone reads the same moment. */
export function convertDeviceTime(deviceTime: string, deviceZone: string, serverZone: string): ConvertedTime {
  // One zone on both sides: the wall clock already is the server's reading, DST or not.
  if (deviceZone === serverZone) return { serverTime: deviceTime, timeNote: null };
  const { instant, timeNote } = wallClockToInstant(deviceTime, deviceZone);
  return { serverTime: instantToWallClock(instant, serverZone), timeNote };
}

function wallClockAsUtcMs(wallClock: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(wallClock);
  if (!match) throw new Error(`Not a wall-clock time: "${wallClock}"`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
