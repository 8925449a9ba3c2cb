// The dashboard's punch chart over the real service: the demo terminals' week of punches, counted
// on each terminal's clock after a sync, through POST /api/getPunchActivity.
import { expect, test } from '@playwright/test';
import type { PunchActivity } from '../app/api/contract';
import { screenshot, VIEWPORTS } from './fixture-support';
import { callApi, openHost } from './host-support';

test('after a demo sync the dashboard charts the week of punches the terminals held', async ({ page, request }) => {
  await openHost(page, '/');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 120_000 });

  const activity = await callApi<PunchActivity>(request, 'getPunchActivity');
  const week = activity.weekByDay.reduce((sum, { count }) => sum + count, 0);
  // The demo terminals hold random punches over the last seven days up to a few minutes ago.
  expect(week).toBeGreaterThan(0);
  expect(activity.todayByHour.reduce((sum, { count }) => sum + count, 0)).toBe(activity.weekByDay.at(-1)!.count);

  await page.getByText('This week by day', { exact: true }).click();
  await expect(page.getByRole('img', { name: new RegExp(`^Last 7 days: ${week.toLocaleString('en-US')} punches, busiest day `) })).toBeVisible();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.getByRole('heading', { name: 'When people punched' }).evaluate((heading) => heading.scrollIntoView({ block: 'center' }));
    await screenshot(page, `host-punch-week-${viewport.name}`);
  }
});
