// "Silence is news": a device that stays quiet in hours it usually has punches, or that no run has
// reached for several runs in a row, is worth a look before HR finds the gap at month end.
import type { ApiError } from '../vocabulary';

/** Punches a device logged in one hour of one day, both read on the device's own clock. */
export interface PunchHourCount {
  day: string;
  hour: number;
  count: number;
}

/** How far back a device's own history tells its shift hours: four of each weekday. */
export const SILENCE_HISTORY_DAYS = 28;
/** An hour is a usual one on a weekday when it had punches on at least this many of the last four. */
const USUAL_WEEKDAYS = 3;
/** Quiet usual hours before it is news: one quiet hour is often only a late or absent person. */
const QUIET_HOURS_BEFORE_NEWS = 2;
/** Failed runs in a row before an unreachable device is news: one failure is often a blip. */
export const UNREACHABLE_RUNS_BEFORE_NEWS = 3;

/** The attention codes of silence news, which the desktop shell also announces as notifications. */
export const SILENCE_NEWS_CODES: readonly string[] = ['device-quiet', 'device-unreachable-runs'];

const DAY_MS = 24 * 60 * 60 * 1000;

function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function dayBefore(day: string, days: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the history window that ends before `today` (both device-clock dates). */
export function silenceHistoryStart(today: string): string {
  return dayBefore(today, SILENCE_HISTORY_DAYS);
}

/** Hours (0-23) that had punches on at least three of the four same weekdays before `today`. */
export function usualHours(history: PunchHourCount[], today: string): number[] {
  const start = silenceHistoryStart(today);
  const weekday = weekdayOf(today);
  const daysWithPunches = new Map<number, Set<string>>();
  for (const { day, hour, count } of history) {
    if (count === 0 || day < start || day >= today || weekdayOf(day) !== weekday) continue;
    const days = daysWithPunches.get(hour) ?? new Set<string>();
    days.add(day);
    daysWithPunches.set(hour, days);
  }
  return [...daysWithPunches].filter(([, days]) => days.size >= USUAL_WEEKDAYS).map(([hour]) => hour).sort((a, b) => a - b);
}

export interface QuietHoursInput {
  deviceName: string;
  /** Per-hour punch counts on the device's clock over the last weeks, today included. */
  history: PunchHourCount[];
  /** The device's clock reading ('YYYY-MM-DD HH:MM:SS') when it was last read; null if never. */
  readUpTo: string | null;
  /** Today's date on the device's clock. */
  today: string;
}

/**
 * News when, of today's usual hours that had fully passed by the last read, at least two had no
 * punch. Hours after the last read are not judged: their punches may be on the device still.
 */
export function quietHoursNews({ deviceName, history, readUpTo, today }: QuietHoursInput): ApiError | null {
  if (readUpTo === null || readUpTo.slice(0, 10) !== today) return null;
  const readHour = Number(readUpTo.slice(11, 13));
  const punchedToday = new Set(history.filter((entry) => entry.day === today && entry.count > 0).map((entry) => entry.hour));
  const quiet = usualHours(history, today).filter((hour) => hour < readHour && !punchedToday.has(hour));
  if (quiet.length < QUIET_HOURS_BEFORE_NEWS) return null;
  const from = `${String(quiet[0]).padStart(2, '0')}:00`;
  return {
    code: 'device-quiet',
    message: `${deviceName} has had no punch today in hours it usually has them, from ${from} on.`,
    action:
      'Unless today is a holiday, check the device: a frozen screen, a full log or a moved terminal lose punches. Open Devices and test the connection.',
  };
}

/** News when the device failed in each of its last three runs (`results` newest first, true = read). */
export function unreachableNews(deviceName: string, results: boolean[]): ApiError | null {
  const recent = results.slice(0, UNREACHABLE_RUNS_BEFORE_NEWS);
  if (recent.length < UNREACHABLE_RUNS_BEFORE_NEWS || recent.some((ok) => ok)) return null;
  return {
    code: 'device-unreachable-runs',
    message: `${deviceName} could not be read in the last ${UNREACHABLE_RUNS_BEFORE_NEWS} runs in a row; its punches since are not in ERPNext.`,
    action: 'Check that it is switched on and on the network, then open Devices and test the connection.',
  };
}
