// History at 1024x640: the run's result is never cut, every count column is on screen, and the
// dashboard dates the last run by its start, as History does.
import { expect, test } from '@playwright/test';
import { openFixture, screenshot } from './fixture-support';

test.use({ viewport: { width: 1024, height: 640 } });

test('every History column fits at 1024 px and "Partly completed" is whole', async ({ page }) => {
  await openFixture(page, '/history');
  const table = page.getByRole('table', { name: 'Past syncs' });
  for (const name of ['Started', 'Result', 'Refused', 'To retry']) await expect(table.getByRole('columnheader', { name })).toBeInViewport({ ratio: 1 });
  const badge = table.getByText('Partly completed').first();
  const fits = await badge.evaluate((element) => {
    const label = element.querySelector('.mantine-Badge-label') ?? element;
    return label.scrollWidth <= label.clientWidth;
  });
  expect(fits).toBe(true);
  await screenshot(page, 'history-columns-1024x640');
});

test('the dashboard dates the last run by its start, as History does', async ({ page }) => {
  await openFixture(page, '/history');
  const started = await page.getByRole('table', { name: 'Past syncs' }).getByRole('link').first().innerText();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Dashboard/ }).click();
  await expect(page.getByText(`Started ${started}`)).toBeVisible();
});

test('the app log shows times as people read them, not raw UTC', async ({ page }) => {
  await openFixture(page, '/history?tab=log');
  const firstTime = page.getByRole('table', { name: 'App log, newest first' }).getByRole('row').first().getByRole('cell').first();
  await expect(firstTime).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}$/);
  await screenshot(page, 'history-log-times-1024x640');
});
