// Device times are naive wall-clock values (docs/ARCHITECTURE.md): we keep them as
// `YYYY-MM-DD HH:mm:ss` strings and never turn them into JS Dates, which would apply this PC's
// time zone.

export interface WallClockParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Two-digit fields come from a table: bulk reads format a hundred thousand times per device.
const TWO_DIGITS = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const pad = (value: number) => TWO_DIGITS[value] ?? String(value).padStart(2, '0');

/** A Date whose UTC fields hold a wall clock (spreadsheet cells, naive millisecond counts). */
export function wallClockPartsFromUtcFields(date: Date): WallClockParts {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

export function formatWallClock(parts: WallClockParts): string {
  const year = parts.year >= 1000 && parts.year <= 9999 ? String(parts.year) : String(parts.year).padStart(4, '0');
  return `${year}-${pad(parts.month)}-${pad(parts.day)} ${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`;
}

export function parseWallClock(text: string): WallClockParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
}

/** False for dates a calendar does not have, such as Feb 31 after a device lost power. */
export function isRealCalendarTime(parts: WallClockParts): boolean {
  if (parts.month < 1 || parts.month > 12 || parts.day < 1) return false;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return false;
  return parts.day <= daysInMonth(parts.year, parts.month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * The device's u32 time (docs/zk-protocol.md §1.7): every month counts 31 days and years run from
 * 2000, so a value can decode to a day the calendar lacks; callers check with isRealCalendarTime.
 */
export function decodeZkTime(encoded: number): WallClockParts {
  let t = encoded >>> 0;
  const second = t % 60;
  t = Math.floor(t / 60);
  const minute = t % 60;
  t = Math.floor(t / 60);
  const hour = t % 24;
  t = Math.floor(t / 24);
  const day = (t % 31) + 1;
  t = Math.floor(t / 31);
  const month = (t % 12) + 1;
  t = Math.floor(t / 12);
  return { year: t + 2000, month, day, hour, minute, second };
}

export function encodeZkTime(parts: WallClockParts): number {
  return (
    ((parts.year % 100) * 12 * 31 + (parts.month - 1) * 31 + (parts.day - 1)) * 86400 +
    (parts.hour * 60 + parts.minute) * 60 +
    parts.second
  );
}

/** Realtime events carry 6 bytes: YY MM DD hh mm ss, the year as an offset from 2000 (docs/zk-protocol.md §1.9). */
export function decodeZkTimeHex(bytes: Uint8Array): WallClockParts {
  return { year: 2000 + bytes[0]!, month: bytes[1]!, day: bytes[2]!, hour: bytes[3]!, minute: bytes[4]!, second: bytes[5]! };
}

export function encodeZkTimeHex(parts: WallClockParts): Buffer {
  return Buffer.from([parts.year - 2000, parts.month, parts.day, parts.hour, parts.minute, parts.second]);
}
