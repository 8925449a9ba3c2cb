// Bulk reads decode up to hundreds of thousands of records: these caches keep the strings a log
// repeats (its days, its people) from being rebuilt for every record.
import { decodeZkTime, formatWallClock, isRealCalendarTime } from './wall-clock';

const SECONDS_PER_DAY = 86400;
const two = (value: number) => (value < 10 ? `0${value}` : String(value));

/** Device u32 times as `YYYY-MM-DD HH:mm:ss`, the date part and its validity computed once per day. */
export class ZkTimeFormatter {
  private readonly days = new Map<number, { prefix: string; real: boolean }>();
  private readonly clocks: string[] = [];

  format(encoded: number): string {
    const secondOfDay = encoded % SECONDS_PER_DAY;
    return this.day(encoded).prefix + (this.clocks[secondOfDay] ??= clockText(secondOfDay));
  }

  /** False for days the calendar lacks, such as Feb 31 (the time of day is always valid). */
  isReal(encoded: number): boolean {
    return this.day(encoded).real;
  }

  private day(encoded: number) {
    const dayNumber = Math.floor(encoded / SECONDS_PER_DAY);
    let day = this.days.get(dayNumber);
    if (!day) {
      const parts = decodeZkTime(dayNumber * SECONDS_PER_DAY);
      day = { prefix: formatWallClock(parts).slice(0, 11), real: isRealCalendarTime(parts) };
      this.days.set(dayNumber, day);
    }
    return day;
  }
}

function clockText(secondOfDay: number): string {
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor(secondOfDay / 60) % 60;
  return `${two(hour)}:${two(minute)}:${two(secondOfDay % 60)}`;
}

/**
 * User ids of 40/49-byte records, remembered per uid: when a record's 24 id bytes equal those of
 * the uid's earlier record, the earlier string is reused.
 */
export class UserIdCache {
  private readonly seen = new Map<number, { offset: number; userId: string }>();

  constructor(
    private readonly bytes: Buffer,
    private readonly width: number,
    private readonly decode: (offset: number) => string,
  ) {}

  get(uid: number, offset: number): string {
    const known = this.seen.get(uid);
    if (known && this.sameBytes(known.offset, offset)) return known.userId;
    const userId = this.decode(offset);
    this.seen.set(uid, { offset, userId });
    return userId;
  }

  private sameBytes(first: number, second: number): boolean {
    const bytes = this.bytes;
    for (let i = 0; i < this.width; i++) if (bytes[first + i] !== bytes[second + i]) return false;
    return true;
  }
}
