// Frappe keeps every Datetime naive, in the System Settings time zone (docs/frappe-hr.md §3.8), so
// the simulated server renders "now" as that zone's wall clock.

export class SystemClock {
  private readonly format: Intl.DateTimeFormat;
  private cachedMinute = Number.NaN;
  private cachedOffsetMs = 0;

  constructor(
    readonly timeZone: string,
    private readonly clock: () => Date,
  ) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** `YYYY-MM-DD HH:MM:SS.ffffff` in the system zone, as frappe.utils.now() gives it. */
  now(): string {
    const instant = this.clock().getTime();
    // Zone offsets change only on whole minutes, and Intl is slow: one lookup per minute keeps
    // 100,000 checkins cheap.
    const minute = Math.floor(instant / 60_000);
    if (minute !== this.cachedMinute) {
      this.cachedOffsetMs = this.offsetAt(minute * 60_000);
      this.cachedMinute = minute;
    }
    const iso = new Date(instant + this.cachedOffsetMs).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
  }

  private offsetAt(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
    const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wallClock - instant;
  }
}

/** A naive datetime the way Frappe serialises it: microseconds only when non-zero. */
export interface NaiveDateTime {
  date: string;
  time: string;
  micros: number;
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

export function parseNaiveDateTime(text: string): NaiveDateTime | undefined {
  const match = DATETIME.exec(text.trim());
  if (!match) return undefined;
  const [, date, hour, minute, second = '00', fraction = ''] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return undefined;
  return { date: date!, time: `${hour}:${minute}:${second}`, micros: Number(fraction.padEnd(6, '0')) };
}

export function formatNaiveDateTime(value: NaiveDateTime): string {
  const base = `${value.date} ${value.time}`;
  return value.micros === 0 ? base : `${base}.${String(value.micros).padStart(6, '0')}`;
}

/** Seconds since the epoch of a naive datetime read as UTC: only for ordering and differences. */
export function naiveSeconds(value: NaiveDateTime): number {
  return Date.parse(`${value.date}T${value.time}Z`) / 1000 + value.micros / 1e6;
}

export function naiveFromSeconds(seconds: number): NaiveDateTime {
  const iso = new Date(Math.floor(seconds) * 1000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), micros: 0 };
}
