// When a device's attendance log will be full, from the record counts its recent reads saw.
import type { LogFullForecast } from '../vocabulary';

/** The records a read found on the device, and when (an ISO instant). */
export interface LogCountSample {
  at: string;
  count: number;
}

/** Less than a day of counts tells a lunch rush, not a rate. */
const MIN_SPAN_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `samples` oldest first. Counts only since the last clear (a drop) make the rate. */
export function forecastLogFull(samples: LogCountSample[], capacity: number): LogFullForecast {
  let start = 0;
  for (let index = 1; index < samples.length; index += 1) if (samples[index]!.count < samples[index - 1]!.count) start = index;
  const since = samples.slice(start);
  const first = since[0];
  const last = since[since.length - 1];
  if (!first || !last || Date.parse(last.at) - Date.parse(first.at) < MIN_SPAN_MS) return { kind: 'not-enough-history' };
  const perDay = ((last.count - first.count) * DAY_MS) / (Date.parse(last.at) - Date.parse(first.at));
  if (perDay <= 0) return { kind: 'not-filling' };
  const daysLeft = Math.max(0, capacity - last.count) / perDay;
  return { kind: 'full-by', day: new Date(Date.parse(last.at) + daysLeft * DAY_MS).toISOString().slice(0, 10), perDay: Math.round(perDay) };
}
