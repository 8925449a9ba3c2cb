// The users and attendance log a simulated terminal starts with: deterministic for a seed, with the
// variety real logs have (IN/OUT and overtime states, fingerprint/face/card/password verification,
// non-ASCII names, optionally 13-digit ids and a Feb 31 record after a "power loss").
import type { NameEncoding, ResolvedOptions } from './options';
import { naiveTimeText } from './device-clock';

export interface SimulatedUser {
  /** Device-internal index, the uid field of user and 8-byte attendance records. */
  uid: number;
  userId: string;
  /** As the device stores it: cut to the record's name field in the configured encoding. */
  name: string;
  privilege: number;
  password: string;
  card: number;
  group: number;
}

export interface SimulatedRecord {
  uid: number;
  userId: string;
  /** Device wall-clock time, `YYYY-MM-DD HH:mm:ss`; may be a day the calendar lacks (Feb 31). */
  time: string;
  /** Punch state: 0 check-in, 1 check-out, 4 overtime-in, 5 overtime-out. */
  state: number;
  /** Verify type: 0 password, 1 fingerprint, 4 card, 15 face. */
  verify: number;
}

// Names a Windows ANSI (latin1) code page can hold too, so that either encoding round-trips.
const FIRST_NAMES = ['José', 'Zoë', 'Søren', 'Anaïs', 'Ömer', 'Ingrid', 'Mateo', 'Chloé', 'Jürgen', 'François', 'Amina', 'Priya'];
const LAST_NAMES = ['Núñez', 'Müller', 'Ødegård', 'Çelik', 'Åberg', 'Peña', 'Girard', 'Okafor', 'Raman', 'Conceição', 'Dubois', 'Brandão'];
const STATES = [0, 1, 0, 1, 0, 1, 4, 5];
const VERIFY_TYPES = [1, 1, 15, 15, 4, 0];
const LONG_ID_BASE = 1_234_567_890_000;
const LOG_SPAN_SECONDS = 7 * 86_400;
const LOG_ENDS_BEFORE_NOW_SECONDS = 300;
const USER_NAME_FIELD = { 28: 8, 72: 23 } as const;

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Cuts a name to what the device's field holds, never through the middle of a character. */
export function fitName(name: string, maxBytes: number, encoding: NameEncoding): string {
  let fitted = name;
  while (Buffer.byteLength(fitted, encoding) > maxBytes) fitted = fitted.slice(0, -1);
  return fitted;
}

export function buildUsers(options: ResolvedOptions, random: () => number): SimulatedUser[] {
  return Array.from({ length: options.userCount }, (_, index) => {
    const uid = index + 1;
    const name = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    return {
      uid,
      userId: options.longIds ? String(LONG_ID_BASE + uid * 7) : String(uid),
      name: fitName(name, USER_NAME_FIELD[options.userRecordSize], options.nameEncoding),
      privilege: index === 0 ? 14 : 0,
      password: '',
      card: random() < 0.3 ? 1_000_000 + Math.floor(random() * 8_999_999) : 0,
      group: 1,
    };
  });
}

/** The log up to the device clock's `deviceNowMs`, oldest first: a week of spread punches, or days of a day shift. */
export function buildRecords(options: ResolvedOptions, users: SimulatedUser[], deviceNowMs: number, random: () => number): SimulatedRecord[] {
  const punchers = users.length > 0 ? users : [{ uid: 1, userId: '1' }];
  const logEndMs = deviceNowMs - LOG_ENDS_BEFORE_NOW_SECONDS * 1000;
  const records = options.shiftLogDays > 0 ? dayShiftRecords(options, punchers, logEndMs, random) : spreadRecords(options, punchers, logEndMs, random);
  if (options.includeInvalidDate && records.length > 0) {
    const middle = records[Math.floor(records.length / 2)]!;
    middle.time = `${middle.time.slice(0, 4)}-02-31${middle.time.slice(10)}`;
  }
  if (options.includeGarbledUserId && records.length > 1) records[1]!.userId = '\u0001\u0007\u001b';
  return records;
}

type Puncher = Pick<SimulatedUser, 'uid' | 'userId'>;

function spreadRecords(options: ResolvedOptions, punchers: Puncher[], logEndMs: number, random: () => number): SimulatedRecord[] {
  const offsets = Array.from({ length: options.recordCount }, () => Math.floor(random() * LOG_SPAN_SECONDS)).sort((a, b) => b - a);
  const records = offsets.map((secondsBeforeEnd) => {
    const puncher = pick(random, punchers);
    return {
      uid: puncher.uid,
      userId: puncher.userId,
      time: naiveTimeText(logEndMs - secondsBeforeEnd * 1000),
      state: pick(random, STATES),
      verify: pick(random, VERIFY_TYPES),
    };
  });
  return records;
}

const DAY_MS = 86_400_000;
const SHIFT_IN = { fromMinute: 8 * 60 + 30, state: 0 };
const SHIFT_OUT = { fromMinute: 17 * 60, state: 1 };
const SHIFT_WINDOW_MINUTES = 60;

/** Each user in and out of a day shift on each of the last `shiftLogDays` days, today up to `logEndMs`. */
function dayShiftRecords(options: ResolvedOptions, punchers: Puncher[], logEndMs: number, random: () => number): SimulatedRecord[] {
  const todayStartMs = Math.floor(logEndMs / DAY_MS) * DAY_MS;
  const records: { atMs: number; record: SimulatedRecord }[] = [];
  for (let daysAgo = options.shiftLogDays - 1; daysAgo >= 0; daysAgo--) {
    if (daysAgo === 0 && options.quietToday) continue;
    const dayStartMs = todayStartMs - daysAgo * DAY_MS;
    for (const puncher of punchers) {
      for (const edge of [SHIFT_IN, SHIFT_OUT]) {
        const atMs = dayStartMs + (edge.fromMinute + random() * SHIFT_WINDOW_MINUTES) * 60_000;
        const time = naiveTimeText(Math.floor(atMs / 1000) * 1000);
        if (atMs <= logEndMs) records.push({ atMs, record: { uid: puncher.uid, userId: puncher.userId, time, state: edge.state, verify: pick(random, VERIFY_TYPES) } });
      }
    }
  }
  return records.sort((a, b) => a.atMs - b.atMs).map(({ record }) => record);
}
