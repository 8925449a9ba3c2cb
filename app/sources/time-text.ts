import { formatWallClock, isRealCalendarTime, wallClockPartsFromUtcFields, type WallClockParts } from '../zk';

/** How a spreadsheet writes its dates: 2026-03-01, 01/03/2026 (day first) or 03/01/2026 (month first). */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const DATE_TIME = /^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm)?\s*$/i;

/**
 * Reads a punch time written by a person or a spreadsheet program and returns it as a wall-clock
 * `YYYY-MM-DD HH:mm:ss`, or a reason it cannot be read. Dates the calendar lacks are refused.
 */
export function parseTimeText(text: string, order: DateOrder): { time: string } | { reason: string } {
  const match = DATE_TIME.exec(text);
  if (!match) return { reason: `"${text}" is not a date and time such as 2026-03-01 08:30:00` };
  const [first, second, third, hourText, minuteText, secondText, meridiem] = match.slice(1);
  const numbers = [first, second, third].map(Number) as [number, number, number];
  const yearFirst = first!.length === 4;
  // "26-11-21" could be any century and any order: a guess would store a wrong day.
  if (!yearFirst && third!.length !== 4) return { reason: `"${text}" has no 4-digit year: write the year in full, such as 2026` };
  if (!yearFirst && order === 'ymd') return { reason: `"${text}" is written day and month first: choose whether the day or the month comes first` };
  const [year, month, day] = yearFirst
    ? numbers
    : order === 'mdy'
      ? [numbers[2], numbers[0], numbers[1]]
      : [numbers[2], numbers[1], numbers[0]];
  let hour = Number(hourText);
  if (meridiem) {
    if (hour < 1 || hour > 12) return { reason: `"${text}" has an hour that does not fit AM/PM` };
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const parts: WallClockParts = { year, month, day, hour, minute: Number(minuteText), second: Number(secondText ?? 0) };
  if (!isRealCalendarTime(parts)) return { reason: `"${text}" is not a real date and time` };
  return { time: formatWallClock(parts) };
}

/** Spreadsheet cells that hold a date arrive as a JS Date whose UTC fields are the wall clock. */
export function wallClockFromSpreadsheetDate(date: Date): string {
  return formatWallClock(wallClockPartsFromUtcFields(date));
}
