// The punch list's date filter offers the usual ranges (and, by maxDate, no day after today).
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot } from './fixture-support';

test('the date filter offers Today, Yesterday, This week and more', async ({ page }) => {
  await openFixture(page, '/punches', { count: 500 });
  await page.getByRole('button', { name: 'Dates' }).click();
  for (const label of ['Today', 'Yesterday', 'This week', 'Last 7 days', 'This month']) await expect(page.getByRole('button', { name: label, exact: true })).toBeVisible();
  await screenshot(page, 'punches-date-presets-1280x800');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Yesterday', exact: true }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}|to=.*from=/);
});
