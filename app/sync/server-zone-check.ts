// Checks the ERPNext time zone Punchbridge converts to against the site's own stamps. An HR User
// cannot read System Settings, so the zone is often the person's choice; a wrong one shifts every
// checkin by hours and nothing else would tell. Frappe sets `creation` from its clock in the
// system zone when it inserts the checkin: for a right zone it falls between sending and answer.
import { instantToWallClock } from './time-zone';

// Clocks a little apart are the clock's business (the device skew check covers ours); a zone
// mistake is at least a quarter of an hour.
const TOLERANCE_MS = 5 * 60_000;
const KEPT = 25;

export interface ServerZoneCheck {
  /** An accepted checkin's `creation`, with the epoch ms the request left and its answer came. */
  observe(createdAt: string, sentAt: number, answeredAt: number): void;
  /** A warning when every stamp seen was off, by about the same amount; else null. */
  warning(): string | null;
}

export function createServerZoneCheck(serverZone: string): ServerZoneCheck {
  const offsets: number[] = [];
  let seen = 0;
  let off = 0;
  return {
    observe(createdAt, sentAt, answeredAt) {
      seen++;
      const created = wallClockMs(createdAt);
      const earliest = wallClockMs(instantToWallClock(new Date(sentAt), serverZone)) - TOLERANCE_MS;
      const latest = wallClockMs(instantToWallClock(new Date(answeredAt), serverZone)) + 1000 + TOLERANCE_MS;
      if (created >= earliest && created <= latest) return;
      off++;
      const offset = created < earliest ? created - earliest - TOLERANCE_MS : created - latest + TOLERANCE_MS;
      if (offsets.length < KEPT) offsets.push(offset);
    },
    warning() {
      if (seen === 0 || off < seen) return null;
      const sorted = [...offsets].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      return (
        `ERPNext stamped the new checkins ${describeOffset(median)} the time in ${serverZone}, the ERPNext time zone set in Punchbridge. ` +
        'Either the site\'s time zone is another one, and every checkin was sent that much off, or the server\'s clock is wrong. ' +
        'Check System Settings > Time Zone in ERPNext and choose the same zone in Punchbridge\'s ERPNext settings.'
      );
    },
  };
}

/** A `YYYY-MM-DD HH:mm:ss` wall-clock time as if it were UTC, to subtract two of them. */
function wallClockMs(wallClock: string): number {
  return Date.parse(`${wallClock.slice(0, 19).replace(' ', 'T')}Z`);
}

function describeOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const amount = [hours > 0 ? `${hours} h` : '', rest > 0 ? `${rest} min` : ''].filter(Boolean).join(' ');
  return `${amount} ${offsetMs > 0 ? 'ahead of' : 'behind'}`;
}
