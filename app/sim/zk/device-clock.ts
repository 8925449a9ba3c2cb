// The terminal's clock. A device keeps a naive wall-clock time (docs/zk-protocol.md §1.7); we model
// it as this PC's local time plus an offset, and do all arithmetic on "naive milliseconds" (the
// wall-clock fields read as if they were UTC), so that no time zone or DST rule touches device
// times.
import { decodeZkTime, encodeZkTime, formatWallClock, wallClockPartsFromUtcFields, type WallClockParts } from '../../zk/wall-clock';

export function naiveNowMs(): number {
  const now = new Date();
  return now.getTime() - now.getTimezoneOffset() * 60_000;
}

export function naiveTimeText(naiveMs: number): string {
  return formatWallClock(naiveParts(naiveMs));
}

export function naiveParts(naiveMs: number): WallClockParts {
  return wallClockPartsFromUtcFields(new Date(naiveMs));
}

/** The u32 device time of a `YYYY-MM-DD HH:mm:ss` text; digit arithmetic, as 100,000-record datasets are built from it. */
export function encodeTimeText(text: string): number {
  return encodeZkTime({
    year: digitsAt(text, 0, 4),
    month: digitsAt(text, 5, 2),
    day: digitsAt(text, 8, 2),
    hour: digitsAt(text, 11, 2),
    minute: digitsAt(text, 14, 2),
    second: digitsAt(text, 17, 2),
  });
}

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at++) value = value * 10 + text.charCodeAt(at) - 48;
  return value;
}

export class DeviceClock {
  private offsetMs: number;

  constructor(offsetSeconds: number) {
    this.offsetMs = offsetSeconds * 1000;
  }

  get offsetSeconds(): number {
    return Math.round(this.offsetMs / 1000);
  }

  nowMs(): number {
    return naiveNowMs() + this.offsetMs;
  }

  nowText(): string {
    return naiveTimeText(this.nowMs());
  }

  nowEncoded(): number {
    return encodeZkTime(naiveParts(this.nowMs()));
  }

  /** CMD_SET_TIME: the device now shows `encoded`; keep the new offset against this PC. */
  setEncoded(encoded: number): void {
    const parts = decodeZkTime(encoded);
    const target = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    this.offsetMs = target - naiveNowMs();
  }
}
