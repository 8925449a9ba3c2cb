// Story: HR exports the punches ERPNext refused, to look at them in a spreadsheet. The file holds
// exactly the rows the filter shows.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import { callApi, openHost, screenshotBoth, waitForIdle } from './host-support';

test('CSV export downloads a file whose rows match the filter', async ({ page, request }) => {
  // Run alone, the spec would count while the host's start-up sync still adds refused punches.
  await waitForIdle(request);
  const { total } = await callApi<{ total: number }>(request, 'queryPunches', { states: ['rejected'], limit: 1 });
  expect(total).toBeGreaterThan(0);
  await openHost(page, '/punches?state=rejected');
  await expect(page.getByText(`${total} punch${total === 1 ? '' : 'es'} match the filters.`)).toBeVisible();
  await screenshotBoth(page, 'host-export-filtered');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const rows = parse(await readFile(await download.path(), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  expect(rows).toHaveLength(total);
  // The words the punch list shows, not the journal's codes.
  expect(rows.every((row) => row.State === 'Refused by ERPNext')).toBe(true);
  expect(rows.every((row) => row.Reason !== '' && !row.Reason!.includes('<'))).toBe(true);
  expect(rows.every((row) => row['How it arrived'] === 'Read from the device')).toBe(true);
});
