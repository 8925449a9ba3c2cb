// Telling from a file whether its dates are day or month first: a first number over 12
// can only be a day, a second one only a day too. A file where no row tells is asked about, never
// guessed; reading 03/01/2026 the wrong way would store every punch on another day.
import type { DateOrder } from './time-text';

const DAY_MONTH_DATE = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}\b/;

/** The order the dates are written in, or null when the file cannot tell (or holds both). */
export function detectDateOrder(dateTexts: Iterable<string>): DateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  let dayMonthDates = false;
  for (const text of dateTexts) {
    const match = DAY_MONTH_DATE.exec(text);
    if (!match) continue;
    dayMonthDates = true;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (!dayMonthDates) return 'ymd';
  if (dayFirst === monthFirst) return null;
  return dayFirst ? 'dmy' : 'mdy';
}
