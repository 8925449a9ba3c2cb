// The ranges HR asks for most, offered beside the punch list's calendar.
import { format, startOfMonth, startOfWeek, subDays } from 'date-fns';

export interface DateRangePreset {
  label: string;
  value: [string, string];
}

const day = (date: Date) => format(date, 'yyyy-MM-dd');

/** Today, yesterday, this week (from Monday), the last 7 days and this month, as of `today`. */
export function dateRangePresets(today: Date): DateRangePreset[] {
  const yesterday = subDays(today, 1);
  return [
    { label: 'Today', value: [day(today), day(today)] },
    { label: 'Yesterday', value: [day(yesterday), day(yesterday)] },
    { label: 'This week', value: [day(startOfWeek(today, { weekStartsOn: 1 })), day(today)] },
    { label: 'Last 7 days', value: [day(subDays(today, 6)), day(today)] },
    { label: 'This month', value: [day(startOfMonth(today)), day(today)] },
  ];
}
