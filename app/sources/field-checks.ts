// Range checks for the numbers and times a file or an ADMS upload carries. A value outside them
// makes its line a problem line, reported and never stored; the limits are the journal's.
import { CARD_NUMBER_MAX, EARLIEST_PUNCH_YEAR, isWholeNumberUpTo, PUNCH_CODE_MAX, userIdProblem } from '../journal';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { formatWallClock, wallClockPartsFromUtcFields } from '../zk';

export type Checked<T> = { value: T } | { reason: string };

const DIGITS = /^\d+$/;

/** A state or verify code: empty gives `fallback`; otherwise a whole number from 0 to 255. */
export function readCode(text: string | undefined, what: string, fallback: number): Checked<number> {
  return readWholeNumber(text, what, fallback, PUNCH_CODE_MAX);
}

/** A card number as the device keeps it (u32); empty is no card. */
export function readCardNumber(text: string | undefined): Checked<number> {
  return readWholeNumber(text, 'card number', 0, CARD_NUMBER_MAX);
}

function readWholeNumber(text: string | undefined, what: string, fallback: number, max: number): Checked<number> {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { value: fallback };
  const value = Number(trimmed);
  if (!DIGITS.test(trimmed) || !isWholeNumberUpTo(value, max)) return { reason: `The ${what} "${shorten(trimmed)}" is not a whole number from 0 to ${max}` };
  return { value };
}

export function readUserId(text: string | undefined): Checked<string> {
  const userId = (text ?? '').trim();
  const problem = userIdProblem(userId);
  return problem === null ? { value: userId } : { reason: problem };
}

/**
 * How far past this computer's clock a device time may lie: a device's local time runs up to 14 h
 * ahead of UTC, and its clock may be a little fast. Anything later was not punched yet.
 */
const FUTURE_MARGIN_MS = 2 * 24 * 60 * 60 * 1000;

/** The latest device time a punch received at `now` may carry, as `YYYY-MM-DD HH:mm:ss`. */
export function latestPunchTime(now: Date): string {
  return formatWallClock(wallClockPartsFromUtcFields(new Date(now.getTime() + FUTURE_MARGIN_MS)));
}

/** Why a (calendar-valid) device time cannot be a punch, or null when it can. */
export function punchTimeProblem(deviceTime: string, latest: string): string | null {
  if (Number(deviceTime.slice(0, 4)) < EARLIEST_PUNCH_YEAR) return `${deviceTime} is before ${EARLIEST_PUNCH_YEAR}: no terminal keeps such a time`;
  if (deviceTime > latest) return `${deviceTime} is in the future`;
  return null;
}

function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** Lines handled between two turns of the event loop: about 20 ms of work on a slow office PC. */
const LINES_PER_TURN = 2_000;

/**
 * Calls `read` for each line of `text` with its 1-based number, whatever ends the lines (CRLF, LF,
 * or the lone CR old Mac tools write), skipping blank ones. A 20 MB file takes seconds to read, so
 * the work is cut into turns: the UI and ADMS terminals are answered in between.
 */
export async function forEachLine(text: string, read: (line: string, lineNumber: number) => void): Promise<void> {
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    if (index > 0 && index % LINES_PER_TURN === 0) await nextTurn();
    const line = lines[index]!;
    if (line.trim() !== '') read(line, index + 1);
  }
}
