// The user stories of issue #6, played over the fixture API. The same stories run against
// `punchbridge serve --demo` in *.host.spec.ts once the service is in place.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openFixture, screenshot } from './fixture-support';

test('first-run setup: ERPNext settings, a device tested and added, first sync', async ({ page }) => {
  await openFixture(page, '/', { scenario: 'first-run', step: 150 });
  await expect(page.getByText("Let's get Punchbridge ready")).toBeVisible();
  await page.getByRole('link', { name: 'Open ERPNext settings' }).click();

  await page.getByRole('textbox', { name: 'ERPNext address' }).fill('https://erp.acme.example.com');
  await page.getByRole('textbox', { name: 'API key' }).fill('4f1c2a9b8e7d6c5');
  await page.getByLabel('API secret').fill('s3cret');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected to ERPNext')).toBeVisible();
  await expect(page.getByText('Signed in as punchbridge@acme.example.com')).toBeVisible();
  await screenshot(page, 'story-first-run-erpnext-tested');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(page.getByText('ERPNext settings saved.')).toBeVisible();

  await page.getByRole('link', { name: 'Devices' }).click();
  await page.getByRole('button', { name: 'Add a device' }).click();
  await page.getByRole('textbox', { name: /^Name/ }).fill('Main gate');
  await page.getByRole('textbox', { name: /Network address/ }).fill('192.168.1.201');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected to the device')).toBeVisible();
  await screenshot(page, 'story-first-run-device-tested');
  await page.getByRole('button', { name: 'Add device' }).click();
  await expect(page.getByRole('cell', { name: /^Main gate 192\.168\.1\.201/ })).toBeVisible();

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByText("Let's get Punchbridge ready")).toBeHidden();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('heading', { name: 'Syncing now' })).toBeVisible();
  await screenshot(page, 'story-first-run-syncing');
  await expect(page.getByRole('heading', { name: 'Syncing now' })).toBeHidden({ timeout: 20_000 });
});

test('unmatched users mapped, their held punches back in the queue', async ({ page }) => {
  await openFixture(page, '/mapping');
  await page.getByRole('button', { name: /Suggested: José Álvarez/ }).click();
  await page.getByRole('button', { name: /Suggested: Zoë Müller/ }).click();
  await expect(page.getByText('2 people selected')).toBeVisible();
  await screenshot(page, 'story-mapping-selected');
  await page.getByRole('button', { name: 'Save to ERPNext' }).click();
  await expect(page.getByText(/2 people linked\. [\d,]+ held punches went back to the queue/)).toBeVisible();
  await expect(page.getByText('JOSE ALVAREZ')).toBeHidden();
  await screenshot(page, 'story-mapping-done');
});

test('ERPNext unreachable: the problem is shown with what to do', async ({ page }) => {
  await openFixture(page, '/', { scenario: 'erpnext-down' });
  await expect(page.getByText(/could not be reached/).first()).toBeVisible();
  await expect(page.getByText('Check the ERPNext address in Settings and that this computer is online.').first()).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be reached' }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Open Settings' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Could not connect to ERPNext')).toBeVisible();
  await screenshot(page, 'story-erpnext-down');
});

test('10,000 punches scrolled to the end and filtered', async ({ page }) => {
  await openFixture(page, '/punches');
  await expect(page.getByText('10,000 punches in all.')).toBeVisible();
  const scroller = page.getByTestId('punch-scroller');
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(page.locator('[aria-rowindex="10001"]')).toContainText(/\d{2}:\d{2}:\d{2}/);
  expect(await page.getByRole('row').count()).toBeLessThan(80);
  await screenshot(page, 'story-punches-scrolled-to-end');

  await page.getByRole('textbox', { name: 'Search' }).fill('1042');
  await expect(page.getByText(/punches match the filters/)).toBeVisible();
  await expect(page).toHaveURL(/q=1042/);
  await page.getByRole('row').nth(1).click();
  await expect(page.getByRole('dialog')).toContainText("'attendance_device_id': 1042");
  await page.waitForTimeout(400); // the drawer slides in
  await screenshot(page, 'story-punches-detail');
});

test('CSV export downloads the filtered punches', async ({ page }) => {
  await openFixture(page, '/punches?state=rejected');
  await expect(page.getByText(/punches match the filters/)).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('punches-2026-11-25.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('id,device,user_id,device_time,state,employee,reason');
  expect(lines.slice(1).every((line) => line.includes(',rejected,'))).toBe(true);
});

test('form validation: bad IP, bad URL, empty key', async ({ page }) => {
  await openFixture(page, '/devices?add=1', { scenario: 'first-run' });
  await page.getByRole('textbox', { name: /Network address/ }).fill('192.168.1.300');
  await expect(page.getByText('Enter an IPv4 address such as 192.168.1.201 or a host name')).toBeVisible();
  await screenshot(page, 'story-validation-device');
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'ERPNext address' }).fill('erp.example.com');
  await expect(page.getByText('Enter the full address of your ERPNext site, such as https://erp.example.com')).toBeVisible();
  await page.getByRole('textbox', { name: 'API key' }).fill('x');
  await page.getByRole('textbox', { name: 'API key' }).fill('');
  await expect(page.getByText('Enter the API key from your ERPNext user (User > API Access)')).toBeVisible();
  await screenshot(page, 'story-validation-settings');
});
