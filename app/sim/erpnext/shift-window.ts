// fetch_shift's question: which shift, if any, does a checkin time fall into? The simulator uses the
// employee's default shift, tried on the checkin's day and on the days either side so that night
// shifts work, with the shift's early-entry and late-exit margins (docs/frappe-hr.md §2.1, §2.4).
import type { Doc } from './site';
import { naiveFromSeconds, naiveSeconds, formatNaiveDateTime, type NaiveDateTime } from './system-clock';

export interface ShiftWindow {
  shift: string;
  shift_start: string;
  shift_end: string;
  shift_actual_start: string;
  shift_actual_end: string;
}

const DAY = 86_400;

export function findShiftWindow(shiftType: Doc, time: NaiveDateTime): ShiftWindow | undefined {
  const at = naiveSeconds(time);
  const midnight = naiveSeconds({ date: time.date, time: '00:00:00', micros: 0 });
  const startOffset = secondsOfDay(String(shiftType.start_time));
  let endOffset = secondsOfDay(String(shiftType.end_time));
  if (endOffset <= startOffset) endOffset += DAY;
  const before = Number(shiftType.begin_check_in_before_shift_start_time ?? 0) * 60;
  const after = Number(shiftType.allow_check_out_after_shift_end_time ?? 0) * 60;
  for (const day of [0, -1, 1]) {
    const start = midnight + day * DAY + startOffset;
    const end = midnight + day * DAY + endOffset;
    if (at >= start - before && at <= end + after) {
      return {
        shift: String(shiftType.name),
        shift_start: format(start),
        shift_end: format(end),
        shift_actual_start: format(start - before),
        shift_actual_end: format(end + after),
      };
    }
  }
  return undefined;
}

function secondsOfDay(clock: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = clock.split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

function format(seconds: number): string {
  return formatNaiveDateTime(naiveFromSeconds(seconds));
}
