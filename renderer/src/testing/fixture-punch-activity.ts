// The fixture office's punches per hour and per day as the service counts them: a day shift that
// comes in at 08:00-09:00 and leaves at 17:00-18:00, a lunch break, a small night shift, quiet
// weekends; today is Wednesday 25 November up to FIXTURE_NOW (09:30).
import type { PunchActivity } from '../../../app/api/contract';
import { FIXTURE_NOW, wallClock } from './fixture-data';

/** A whole weekday on the four terminals, hour 0 to 23. */
const WEEKDAY_BY_HOUR = [4, 2, 0, 0, 1, 9, 31, 74, 152, 48, 17, 12, 46, 51, 14, 9, 27, 138, 61, 13, 8, 6, 21, 12];
/** How busy each day of the week is against a weekday, Sunday first. */
const DAY_SHARE = [0.06, 1, 0.97, 1.02, 1, 0.93, 0.31];

export function fixturePunchActivity(hasPunches: boolean): PunchActivity {
  const today = wallClock(FIXTURE_NOW).slice(0, 10);
  const hourNow = FIXTURE_NOW.getUTCHours();
  const partOfHourGone = FIXTURE_NOW.getUTCMinutes() / 60;
  const todayShare = DAY_SHARE[FIXTURE_NOW.getUTCDay()]!;
  const todayByHour = WEEKDAY_BY_HOUR.map((weekday, hour) => {
    const share = hour < hourNow ? 1 : hour === hourNow ? partOfHourGone : 0;
    return { hour, count: hasPunches ? Math.round(weekday * todayShare * share) : 0 };
  });
  const weekday = WEEKDAY_BY_HOUR.reduce((sum, count) => sum + count, 0);
  const weekByDay = [6, 5, 4, 3, 2, 1, 0].map((daysAgo) => {
    const date = new Date(FIXTURE_NOW.getTime() - daysAgo * 86_400_000);
    const count = daysAgo === 0 ? todayByHour.reduce((sum, { count: hourCount }) => sum + hourCount, 0) : Math.round(weekday * DAY_SHARE[date.getUTCDay()]!);
    return { day: wallClock(date).slice(0, 10), count: hasPunches ? count : 0 };
  });
  return { today, currentHour: hourNow, todayByHour, weekByDay };
}

/** A sync read `count` new punches in the current hour: today's and this week's counts grow. */
export function withPunchesThisHour(activity: PunchActivity, count: number): PunchActivity {
  const hourNow = FIXTURE_NOW.getUTCHours();
  return {
    ...activity,
    todayByHour: activity.todayByHour.map((entry) => (entry.hour === hourNow ? { ...entry, count: entry.count + count } : entry)),
    weekByDay: activity.weekByDay.map((entry) => (entry.day === activity.today ? { ...entry, count: entry.count + count } : entry)),
  };
}
