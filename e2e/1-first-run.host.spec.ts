// Story: a fresh install. HR enters the ERPNext settings printed by the ERPNext simulator, tests
// them, adds a (simulated) terminal and tests it, runs the first sync and sees the punches.
import { expect, test } from '@playwright/test';
import { openHost, screenshotBoth, startEmptyHost, startErpnextSimulator, startZkSimulator } from './host-support';

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Main' });

test('first-run setup: ERPNext settings, a device added and tested, first sync, punches visible', async ({ page }) => {
  const [erpnext, terminal, host] = await Promise.all([startErpnextSimulator(), startZkSimulator(5, 40), startEmptyHost()]);
  try {
    await openHost(page, '/', host.signIn);
    await expect(page.getByText("Let's get Punchbridge ready")).toBeVisible();
    await screenshotBoth(page, 'host-first-run-dashboard');
    await page.getByRole('list').getByRole('link', { name: 'Open ERPNext settings' }).click();

    await page.getByRole('textbox', { name: 'ERPNext address' }).fill(erpnext.url);
    await page.getByRole('textbox', { name: 'API key' }).fill(erpnext.apiKey);
    await page.getByLabel('API secret').fill(erpnext.apiSecret);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Connected to ERPNext')).toBeVisible();
    await expect(page.getByText(/Signed in as \S+/)).toBeVisible();
    await screenshotBoth(page, 'host-first-run-erpnext-tested', page.getByText('Connected to ERPNext'));
    await page.getByRole('button', { name: 'Save connection' }).click();
    await expect(page.getByText('ERPNext settings saved.')).toBeVisible();

    await nav(page).getByRole('link', { name: /^Devices/ }).click();
    await page.getByRole('button', { name: 'Add a device' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Main gate');
    await page.getByRole('textbox', { name: /Network address/ }).fill('127.0.0.1');
    await page.getByRole('textbox', { name: 'Port' }).fill(String(terminal.port));
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Connected to the device')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('dialog')).toContainText(terminal.serial);
    await screenshotBoth(page, 'host-first-run-device-tested', page.getByText('Connected to the device'));
    await page.getByRole('button', { name: 'Add device' }).click();
    await expect(page.getByRole('cell', { name: new RegExp(`^Main gate 127\\.0\\.0\\.1:${terminal.port}`) })).toBeVisible();

    await nav(page).getByRole('link', { name: /^Dashboard/ }).click();
    await expect(page.getByText("Let's get Punchbridge ready")).toBeHidden();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 30_000 });
    await screenshotBoth(page, 'host-first-run-synced');

    await nav(page).getByRole('link', { name: /^Punches/ }).click();
    await expect(page.getByText('40 punches in all.')).toBeVisible();
    await expect(page.getByRole('row').nth(1)).toContainText('In ERPNext');
    await expect(page.getByRole('row').nth(1)).toContainText('Main gate');
    await screenshotBoth(page, 'host-first-run-punches');
  } finally {
    await Promise.all([host.stop(), terminal.stop(), erpnext.stop()]);
  }
});
