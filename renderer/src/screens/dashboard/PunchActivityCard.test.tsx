// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PunchActivity } from '../../../../app/api/contract';
import { createFixtureApi } from '../../testing/fixture-api';
import { fixturePunchActivity } from '../../testing/fixture-punch-activity';
import { renderApp, renderWithBackend } from '../../testing/render';
import { PunchActivityCard } from './PunchActivityCard';

afterEach(cleanup);

const SHIFT_DAY: Record<number, number> = { 7: 41, 8: 140, 9: 22, 12: 30, 13: 28, 17: 51 };

// Tuesday 3 March, some time after 18:00.
const ACTIVITY: PunchActivity = {
  today: '2026-03-03',
  currentHour: 18,
  todayByHour: Array.from({ length: 24 }, (_, hour) => ({ hour, count: SHIFT_DAY[hour] ?? 0 })),
  weekByDay: [
    { day: '2026-02-25', count: 298 },
    { day: '2026-02-26', count: 305 },
    { day: '2026-02-27', count: 1_204 },
    { day: '2026-02-28', count: 0 },
    { day: '2026-03-01', count: 0 },
    { day: '2026-03-02', count: 317 },
    { day: '2026-03-03', count: 312 },
  ],
};

const slotCount = (table: HTMLElement, slot: string) => within(table).getByRole('rowheader', { name: slot }).nextElementSibling?.textContent;

describe('the punch activity card', () => {
  it('names today’s total and busiest hour, and switches to the week with its busiest day', async () => {
    renderWithBackend({ ...createFixtureApi(), getPunchActivity: async () => ACTIVITY }, <PunchActivityCard />);

    const today = await screen.findByRole('img', { name: 'Today: 312 punches, busiest hour 08:00-09:00 with 140. Shaded hours are still to come.' }, { timeout: 10_000 });
    expect(today.querySelectorAll('title')[8]?.textContent).toBe('08:00-09:00: 140 punches');
    expect(today.querySelectorAll('title')[18]?.textContent).toBe('18:00-19:00: 0 punches');
    expect(today.querySelectorAll('title')[19]?.textContent).toBe('19:00-20:00: later today');
    const hours = screen.getByRole('table', { name: /Punches today by hour/ });
    expect(slotCount(hours, '17:00-18:00')).toBe('51');
    expect(slotCount(hours, '03:00-04:00')).toBe('0');
    expect(slotCount(hours, '22:00-23:00')).toBe('later today');

    fireEvent.click(screen.getByRole('radio', { name: 'This week by day' }));
    expect(await screen.findByRole('img', { name: 'Last 7 days: 2,436 punches, busiest day Friday 27 February with 1,204.' })).toBeTruthy();
    const days = screen.getByRole('table', { name: 'Punches per day over the last 7 days' });
    expect(within(days).getAllByRole('row')).toHaveLength(8);
    expect(slotCount(days, 'Saturday 28 February')).toBe('0');
    expect(slotCount(days, 'today, Tuesday 3 March')).toBe('312');

    fireEvent.click(screen.getByRole('radio', { name: 'Today by hour' }));
    expect(await screen.findByRole('img', { name: /^Today: 312 punches/ })).toBeTruthy();
  });

  it('says so when there is no punch today, and none this week', async () => {
    renderWithBackend(createFixtureApi({ scenario: 'empty' }), <PunchActivityCard />);
    expect(await screen.findByText('No punches today yet. They show here as the devices are read.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'This week by day' }));
    expect(await screen.findByText('No punches in the last 7 days.')).toBeTruthy();
  });

  it('is not on the dashboard before a device is added', async () => {
    renderApp(createFixtureApi({ scenario: 'first-run' }), '#/');
    expect(await screen.findByText("Let's get Punchbridge ready", {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'When people punched' })).toBeNull();
  });

  it('counts the punches a sync read once it finishes', async () => {
    const before = fixturePunchActivity(true).todayByHour.reduce((sum, { count }) => sum + count, 0);
    renderApp(createFixtureApi({ punchCount: 300, syncStepMs: 20 }), '#/');
    expect(await screen.findByRole('img', { name: new RegExp(`^Today: ${before} punches`) }, { timeout: 10_000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    // The fixture's sync reads 23 new punches, in the current hour.
    await waitFor(() => expect(screen.getByRole('img', { name: new RegExp(`^Today: ${before + 23} punches`) })).toBeTruthy(), { timeout: 10_000 });
  });
});
