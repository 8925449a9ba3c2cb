// Today's punches by hour and this week's by day, for the dashboard's chart. A punch counts at its
// device time, the device's wall clock when the person punched, and "today" is each device's own
// today in its zone: a shift that starts at 08:00 on every terminal peaks at 08:00 wherever it hangs.
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { instantToWallClock } from '../../sync';
import type { PunchActivity, PunchbridgeApi } from '../contract';
import type { ServiceContext } from './context';
import { clockZoneOf } from './devices';

const HOURS = 24;
const WEEK_DAYS = 7;

type ActivityContext = Pick<ServiceContext, 'journal' | 'settings' | 'clock'>;

export function punchActivityMethods(context: ActivityContext): Pick<PunchbridgeApi, 'getPunchActivity'> {
  return { getPunchActivity: async () => punchActivity(context) };
}

export function punchActivity(context: ActivityContext): PunchActivity {
  const now = new Date(context.clock.now());
  const byHour = new Array<number>(HOURS).fill(0);
  const byDaysAgo = new Array<number>(WEEK_DAYS).fill(0);
  for (const device of context.journal.listDevices()) {
    const deviceToday = todayIn(clockZoneOf(device, context), now);
    for (const { day, hour, count } of context.journal.countPunchesInHours(device.id, shiftDay(deviceToday, -(WEEK_DAYS - 1)), WEEK_DAYS)) {
      const daysAgo = differenceInCalendarDays(parseISO(deviceToday), parseISO(day));
      byDaysAgo[daysAgo] = (byDaysAgo[daysAgo] ?? 0) + count;
      if (daysAgo === 0) byHour[hour] = (byHour[hour] ?? 0) + count;
    }
  }
  const referenceNow = instantToWallClock(now, clockZoneOf(null, context));
  const today = referenceNow.slice(0, 10);
  return {
    today,
    currentHour: Number(referenceNow.slice(11, 13)),
    todayByHour: byHour.map((count, hour) => ({ hour, count })),
    weekByDay: byDaysAgo.map((_, index) => {
      const daysAgo = WEEK_DAYS - 1 - index;
      return { day: shiftDay(today, -daysAgo), count: byDaysAgo[daysAgo]! };
    }),
  };
}

function todayIn(zone: string, now: Date): string {
  return instantToWallClock(now, zone).slice(0, 10);
}

function shiftDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}
