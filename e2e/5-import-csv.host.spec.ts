// Story: a site keeps punches in a spreadsheet. HR picks the CSV on the Import screen, checks the
// columns Punchbridge guessed, sees the one bad row with its line number, and imports the rest,
// knowingly leaving that row out. The same file again brings nothing new.
import { expect, test } from '@playwright/test';
import { callApi, openHost, screenshotBoth } from './host-support';

const CSV = [
  'User ID,Name,Date,Time,State',
  '1,Asha,2026-11-02,08:59:12,0',
  '2,Ben,2026-11-02,09:03:40,0',
  '1,Asha,2026-11-02,17:31:05,1',
  '2,Ben,2026-11-31,17:45:00,1',
  '3,Chen,2026-11-02,18:02:27,1',
].join('\n');

test('import a CSV with a bad row: the row is shown with its line and left out only when HR says so', async ({ page, request }) => {
  const devices = await callApi<{ id: string; name: string }[]>(request, 'listDevices');
  const device = devices.find((candidate) => candidate.name === 'Back office')!;
  await openHost(page, '/import');
  await expect(page.getByRole('heading', { name: 'Import' })).toBeVisible();
  await screenshotBoth(page, 'host-import-empty');

  const pick = () => page.getByLabel('Punch file').setInputFiles({ name: 'november.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await pick();
  await page.getByRole('combobox', { name: /Device these punches came from/ }).click();
  await page.getByRole('option', { name: device.name }).click();
  await expect(page.getByRole('combobox', { name: /User id column/ })).toHaveValue('User ID');
  await expect(page.getByRole('combobox', { name: /^Date column/ })).toHaveValue('Date');
  await expect(page.getByRole('combobox', { name: /Time of day column/ })).toHaveValue('Time');
  await expect(page.getByRole('combobox', { name: /In\/out state column/ })).toHaveValue('State');

  await expect(page.getByText(/4 punches from .*, and 1 row that cannot be read\./)).toBeVisible();
  const problems = page.getByRole('table', { name: 'Rows that cannot be read' });
  await expect(problems.getByRole('row').nth(1)).toContainText('5');
  await expect(page.getByRole('table', { name: 'First rows of the file' })).toContainText('Chen');
  const importButton = page.getByRole('button', { name: 'Import 4 readable rows, leave 1 out' });
  await expect(importButton).toBeEnabled();
  await screenshotBoth(page, 'host-import-preview');

  await importButton.click();
  await expect(page.getByText('november.csv is imported')).toBeVisible();
  await expect(page.getByText('4 punches read: 4 new, 0 already known, 1 row left out.', { exact: false })).toBeVisible();
  await screenshotBoth(page, 'host-import-done');

  await pick();
  await page.getByRole('button', { name: 'Import 4 readable rows, leave 1 out' }).click();
  await expect(page.getByText('4 punches read: 0 new, 4 already known, 1 row left out.', { exact: false })).toBeVisible();

  await page.getByRole('link', { name: 'See the punches' }).click();
  await expect(page).toHaveURL(/device=back-office/);
  await expect(page.getByText(/punches match the filters\./)).toBeVisible();
});

// Story: a spreadsheet written day first. When no day is above 12 Punchbridge cannot tell
// 01/11 from 11/01, so it asks instead of guessing; once HR says "day first", the preview shows
// the date each row will be stored under beside the text. A file with a 13th tells by itself.
test('a day-first CSV: asked when no date tells, then each row previewed with the date it is stored under', async ({ page, request }) => {
  const devices = await callApi<{ id: string; name: string }[]>(request, 'listDevices');
  const device = devices.find((candidate) => candidate.name === 'Back office')!;
  await openHost(page, '/import');
  const csv = ['Emp No,Check Time', '11,01/11/2026 08:59', '12,02/11/2026 09:03', '13,11/02/2026 17:31'].join('\n');
  await page.getByLabel('Punch file').setInputFiles({ name: 'day-first.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('combobox', { name: /Device these punches came from/ }).click();
  await page.getByRole('option', { name: device.name }).click();

  const dateOrder = page.getByRole('combobox', { name: /Dates in the file are written/ });
  await expect(page.getByText('No day above 12 shows whether the day or the month comes first: choose one')).toBeVisible();
  await expect(page.getByText(/Choose how the dates are written/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await screenshotBoth(page, 'host-import-date-order-asked', dateOrder);

  await dateOrder.click();
  await page.getByRole('option', { name: /Day, month, year/ }).click();
  const sample = page.getByRole('table', { name: 'First rows of the file' });
  await expect(sample.getByRole('columnheader', { name: 'Stored as' })).toBeVisible();
  await expect(sample.getByRole('row').nth(1)).toContainText('01/11/2026 08:59');
  await expect(sample.getByRole('row').nth(1)).toContainText('1 Nov 2026, 08:59');
  await expect(sample.getByRole('row').nth(3)).toContainText('11 Feb 2026, 17:31');
  await expect(page.getByRole('button', { name: 'Import 3 punches' })).toBeEnabled();
  await screenshotBoth(page, 'host-import-date-order-chosen', sample);

  const telling = `${csv}\n14,13/11/2026 08:00`;
  await page.getByLabel('Punch file').setInputFiles({ name: 'day-first-13.csv', mimeType: 'text/csv', buffer: Buffer.from(telling) });
  await expect(page.getByText('Told from the file: Day, month, year (25/11/2026)')).toBeVisible();
  await expect(page.getByRole('table', { name: 'First rows of the file' }).getByRole('row').nth(4)).toContainText('13 Nov 2026, 08:00');
  await screenshotBoth(page, 'host-import-date-order-detected');
});
