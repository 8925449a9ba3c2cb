// Story: a busy site with 10,000 punches in two months. The list scrolls to the very last punch
// without loading them all, and a filter narrows it at once. The punches get in the real way, as a
// USB attlog file through the host's importPunches.
import { expect, test } from '@playwright/test';
import { attlogFile, callApi, openHost, screenshotBoth } from './host-support';

const PUNCHES = 10_000;

function generatedAttlog(): string {
  const start = Date.UTC(2026, 8, 1, 6, 0, 0); // 2026-09-01 06:00
  const rows = Array.from({ length: PUNCHES }, (_, index) => {
    const time = new Date(start + index * 8 * 60_000).toISOString().replace('T', ' ').slice(0, 19);
    return { userId: String((index % 10) + 1), time, state: index % 2 };
  });
  return attlogFile(rows);
}

test('10,000 punches scrolled to the last one and filtered', async ({ page, request }) => {
  const outcome = await callApi<{ ok: boolean; value: { read: number; inserted: number } }>(request, 'importPunches', {
    fileName: 'busy_attlog.dat',
    contentBase64: Buffer.from(generatedAttlog()).toString('base64'),
    deviceId: 'back-office',
  });
  expect(outcome).toMatchObject({ ok: true, value: { read: PUNCHES, inserted: PUNCHES } });

  await openHost(page, '/punches?device=back-office&from=2026-09-01&to=2026-10-31');
  await expect(page.getByText('10,000 punches match the filters.')).toBeVisible();
  const scroller = page.getByTestId('punch-scroller');
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(page.locator('[aria-rowindex="10001"]')).toContainText(/\d{2}:\d{2}:\d{2}/);
  expect(await page.getByRole('row').count()).toBeLessThan(80);
  await screenshotBoth(page, 'host-punches-10000-scrolled-to-end');

  const expected = await callApi<{ total: number }>(request, 'queryPunches', { deviceId: 'back-office', from: '2026-09-01', to: '2026-10-31', search: '7', limit: 1 });
  expect(expected.total).toBeGreaterThan(0);
  await page.getByRole('textbox', { name: 'Search' }).fill('7');
  await expect(page.getByText(`${expected.total.toLocaleString('en-US')} punches match the filters.`)).toBeVisible();
  await expect(page).toHaveURL(/q=7/);
  await expect(page.getByRole('row').nth(1)).toContainText('ID 7');
  await screenshotBoth(page, 'host-punches-10000-filtered');
});
