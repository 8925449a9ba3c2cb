// A first guess at which spreadsheet columns hold what, from their headers, so the common exports
// ("User ID, Date, Time", "Emp No, Check Time") need no choosing at all.
import type { ColumnMapping } from '../../../../app/api/contract';

export interface MappingDraft {
  userId: string | null;
  time: string | null;
  timeOfDay: string | null;
  state: string | null;
  /** null: told from the file, and asked only when the file cannot tell. */
  dateOrder: 'ymd' | 'dmy' | 'mdy' | null;
}

const USER_ID = /\b(user|emp(loyee)?|person|staff|badge|enroll|ac)[\s_-]*(id|no|number|code)?\b|^(id|pin|uid)$/i;
const DATE_TIME = /date[\s_-]*time|timestamp|check[\s_-]*time|punch[\s_-]*time|^time$/i;
const DATE_ONLY = /^date$|\bdate\b/i;
const TIME_ONLY = /^time$|time[\s_-]*of[\s_-]*day|\bclock\b/i;
const STATE = /state|status|in[\s_/-]*out|direction|type/i;

export function guessMapping(headers: string[]): MappingDraft {
  const find = (pattern: RegExp, taken: (string | null)[] = []) => headers.find((header) => pattern.test(header.trim()) && !taken.includes(header)) ?? null;
  const userId = find(USER_ID);
  const dateOnly = headers.find((header) => DATE_ONLY.test(header) && !/time/i.test(header)) ?? null;
  const timeOnly = dateOnly ? find(TIME_ONLY, [userId]) : null;
  const time = dateOnly && timeOnly ? dateOnly : find(DATE_TIME, [userId]);
  const state = find(STATE, [userId, time, timeOnly]);
  return { userId, time, timeOfDay: dateOnly && timeOnly ? timeOnly : null, state, dateOrder: null };
}

/** The mapping to send, or null while the user id or time column is still missing. */
export function toColumnMapping(draft: MappingDraft): ColumnMapping | null {
  if (!draft.userId || !draft.time) return null;
  return {
    userId: draft.userId,
    time: draft.time,
    ...(draft.timeOfDay ? { timeOfDay: draft.timeOfDay } : {}),
    ...(draft.state ? { state: draft.state } : {}),
    ...(draft.dateOrder ? { dateOrder: draft.dateOrder } : {}),
  };
}
