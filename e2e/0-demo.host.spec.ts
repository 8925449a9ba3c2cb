// The demo host end to end: the real service, the ZK and ERPNext simulators, the built renderer.
import { expect, test } from '@playwright/test';
import { screenshot } from './fixture-support';
import { openHost } from './host-support';

test('a sync in demo mode brings punches in and shows them', async ({ page }) => {
  await openHost(page, '/');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('Demo', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 120_000 });
  await screenshot(page, 'host-dashboard-after-sync');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Punches/ }).click();
  await expect(page.getByText(/[\d,]+ punch(es)? in all\./)).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toContainText(/\d{2}:\d{2}:\d{2}/);
  await screenshot(page, 'host-punches');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^History/ }).click();
  await expect(page.getByRole('table', { name: 'Past syncs' })).toBeVisible();
});

test('every screen shows the demo data', async ({ page }) => {
  const screens: [string, RegExp | string][] = [
    ['/devices', 'Main gate'],
    ['/mapping', 'Person on the device'],
    ['/punches?state=rejected', /match the filters|No punches match/],
    ['/settings', 'Shift types to update'],
    ['/history', /Started|No syncs yet/],
    ['/history?tab=log', 'Problems only'],
  ];
  for (const [hash, proof] of screens) {
    await openHost(page, hash);
    await expect(page.getByText(proof).first()).toBeVisible();
    await page.waitForTimeout(500);
    await screenshot(page, `host-${hash.replace(/[/?=&]+/g, '-').replace(/^-/, '')}`);
  }
});
