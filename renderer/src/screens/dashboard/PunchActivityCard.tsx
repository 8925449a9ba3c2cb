import { Box, Card, Group, SegmentedControl, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { PunchActivity } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { ErrorState, LoadingState } from '../../components/states';
import { formatCount, plural } from '../../lib/format';
import { PUNCH_CHART_HEIGHT, PunchBarChart, type PunchBar } from './PunchBarChart';

type View = 'today' | 'week';

const VIEWS: { value: View; label: string }[] = [
  { value: 'today', label: 'Today by hour' },
  { value: 'week', label: 'This week by day' },
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const hourRange = (hour: number) => `${String(hour).padStart(2, '0')}:00-${String(hour + 1).padStart(2, '0')}:00`;

/** "2026-11-19" -> { weekday: 'Thursday', date: '19 November', shortDate: '19 Nov' } */
function describeDay(day: string): { weekday: string; date: string; shortDate: string } {
  const date = new Date(`${day}T00:00:00Z`);
  const month = MONTHS[date.getUTCMonth()]!;
  return { weekday: WEEKDAYS[date.getUTCDay()]!, date: `${date.getUTCDate()} ${month}`, shortDate: `${date.getUTCDate()} ${month.slice(0, 3)}` };
}

interface ChartView {
  bars: PunchBar[];
  summary: string;
  empty: string;
  caption: string;
  slotHeader: string;
  /** Each slot's count as the hidden table says it. */
  slots: { name: string; count: string }[];
}

function todayView(activity: PunchActivity): ChartView {
  const total = activity.todayByHour.reduce((sum, { count }) => sum + count, 0);
  const busiest = activity.todayByHour.reduce((best, entry) => (entry.count > best.count ? entry : best), activity.todayByHour[0]!);
  return {
    bars: activity.todayByHour.map(({ hour, count }) => {
      const later = hour > activity.currentHour;
      return { key: String(hour), label: `${String(hour).padStart(2, '0')}:00`, count, later, title: later ? `${hourRange(hour)}: later today` : `${hourRange(hour)}: ${plural(count, 'punch', 'punches')}` };
    }),
    summary: `Today: ${plural(total, 'punch', 'punches')}, busiest hour ${hourRange(busiest.hour)} with ${formatCount(busiest.count)}.${activity.currentHour < 23 ? ' Shaded hours are still to come.' : ''}`,
    empty: 'No punches today yet. They show here as the devices are read.',
    caption: 'Punches today by hour, on each device’s clock',
    slotHeader: 'Hour',
    slots: activity.todayByHour.map(({ hour, count }) => ({ name: hourRange(hour), count: hour > activity.currentHour ? 'later today' : formatCount(count) })),
  };
}

function weekView(activity: PunchActivity): ChartView {
  const total = activity.weekByDay.reduce((sum, { count }) => sum + count, 0);
  const busiest = activity.weekByDay.reduce((best, entry) => (entry.count > best.count ? entry : best), activity.weekByDay[0]!);
  const name = (day: string) => {
    const { weekday, date } = describeDay(day);
    return `${day === activity.today ? 'today, ' : ''}${weekday} ${date}`;
  };
  return {
    bars: activity.weekByDay.map(({ day, count }) => {
      const { weekday, shortDate } = describeDay(day);
      return { key: day, label: day === activity.today ? 'Today' : weekday.slice(0, 3), subLabel: shortDate, count, title: `${name(day)}: ${plural(count, 'punch', 'punches')}` };
    }),
    summary: `Last 7 days: ${plural(total, 'punch', 'punches')}, busiest day ${name(busiest.day)} with ${formatCount(busiest.count)}.`,
    empty: 'No punches in the last 7 days.',
    caption: 'Punches per day over the last 7 days',
    slotHeader: 'Day',
    slots: activity.weekByDay.map(({ day, count }) => ({ name: name(day), count: formatCount(count) })),
  };
}

/** Today's punches by hour or the week's by day, counted on each device's own clock. */
export function PunchActivityCard() {
  const backend = useBackend();
  const activity = useQuery({ queryKey: queryKeys.punchActivity, queryFn: () => backend.getPunchActivity() });
  const [view, setView] = useState<View>('today');
  const summaryId = useId();

  let body;
  if (activity.isPending) body = <LoadingState label="Counting punches…" />;
  else if (activity.isError) body = <ErrorState error={activity.error} onRetry={() => void activity.refetch()} title="The punch counts could not be loaded" />;
  else {
    const shown = view === 'today' ? todayView(activity.data) : weekView(activity.data);
    const empty = shown.bars.every((bar) => bar.count === 0);
    body = empty ? (
      // As high as the summary and chart, so that switching between an empty and a full view does not jump.
      <Box h={PUNCH_CHART_HEIGHT + 30} display="flex" style={{ alignItems: 'center', justifyContent: 'center', borderRadius: 8, background: 'var(--mantine-color-gray-0)' }}>
        <Text size="sm">{shown.empty}</Text>
      </Box>
    ) : (
      <>
        <Text size="sm" id={summaryId} mb="xs">
          {shown.summary}
        </Text>
        <PunchBarChart bars={shown.bars} labelledBy={summaryId} showValues={view === 'week'} />
        <VisuallyHidden>
          <table>
            <caption>{shown.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{shown.slotHeader}</th>
                <th scope="col">Punches</th>
              </tr>
            </thead>
            <tbody>
              {shown.slots.map((slot) => (
                <tr key={slot.name}>
                  <th scope="row">{slot.name}</th>
                  <td>{slot.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </VisuallyHidden>
      </>
    );
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="punch-activity-title">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Title order={3} size="h4" id="punch-activity-title">
          When people punched
        </Title>
        <SegmentedControl size="xs" data={VIEWS} value={view} onChange={(value) => setView(value as View)} aria-label="Show punches" />
      </Group>
      {body}
    </Card>
  );
}
