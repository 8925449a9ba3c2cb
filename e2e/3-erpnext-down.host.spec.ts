// Story: ERPNext stops answering (here: its address points at a closed port). A sync says what
// happened and what to do; once the address is right again, the next sync recovers.
import { expect, test } from '@playwright/test';
import { DEFAULT_API_SECRET } from '../app/sim/erpnext/options';
import { callApi, closedPort, openHost, screenshotBoth, waitForIdle } from './host-support';

test('ERPNext unreachable: the error says what to do, and the next sync after the fix recovers', async ({ page, request }) => {
  await waitForIdle(request);
  const settings = await callApi<{ url: string }>(request, 'getErpnextSettings');
  const deadUrl = `http://127.0.0.1:${await closedPort()}`;
  const address = page.getByRole('textbox', { name: 'ERPNext address' });
  const nav = page.getByRole('navigation', { name: 'Main' });

  await openHost(page, '/settings');
  await address.fill(deadUrl);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText('ERPNext settings saved.')).toBeVisible();

  await nav.getByRole('link', { name: /^Dashboard/ }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  const lastSync = page.locator('[aria-labelledby="last-run-title"]');
  const problem = lastSync.getByRole('alert').filter({ hasText: `Nothing answered at ${deadUrl}` });
  await expect(problem).toBeVisible({ timeout: 30_000 });
  await expect(problem).toContainText('Check the address and port in the ERPNext settings and that the site is running.');
  await screenshotBoth(page, 'host-erpnext-down-dashboard');

  await lastSync.getByRole('link', { name: 'Open ERPNext settings' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Could not connect to ERPNext')).toBeVisible();
  await screenshotBoth(page, 'host-erpnext-down-settings', page.getByText('Could not connect to ERPNext'));

  // The stored secret goes only to the saved address (now the dead one): testing the right address
  // again asks for the secret, which is then saved with it.
  await address.fill(settings.url);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Type the API secret for this address to test it')).toBeVisible();
  await page.getByLabel('API secret').fill(DEFAULT_API_SECRET);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected to ERPNext')).toBeVisible();
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect.poll(async () => (await callApi<{ url: string }>(request, 'getErpnextSettings')).url).toBe(settings.url);

  // Punches that failed while ERPNext was away wait out their retry delay; HR sends them again now.
  const failed = (await callApi<{ counts: { failed: number } }>(request, 'getStatus')).counts.failed;
  expect(failed).toBeGreaterThan(0);
  await nav.getByRole('link', { name: /^Punches/ }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('Nothing answered');
  await expect(page.getByText(`${failed} punch${failed === 1 ? '' : 'es'} match the filters.`)).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select the punches shown' }).check();
  await expect(page.getByText(`${failed} selected`, { exact: true })).toBeVisible();
  await screenshotBoth(page, 'host-erpnext-recovered-send-again');
  await page.getByRole('button', { name: 'Send again' }).click();
  await expect(page.getByText(`${failed} punch${failed === 1 ? '' : 'es'} will be sent again at the next sync.`)).toBeVisible();

  await nav.getByRole('link', { name: /^Dashboard/ }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('[aria-labelledby="last-run-title"]').getByRole('alert')).toHaveCount(0);
  const status = await callApi<{ lastRun: { errors: unknown[] }; counts: { failed: number } }>(request, 'getStatus');
  expect(status.lastRun.errors).toEqual([]);
  expect(status.counts.failed).toBe(0);
  await screenshotBoth(page, 'host-erpnext-recovered');
});
