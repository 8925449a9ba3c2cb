// Saying plainly what is on screen: the schedule line while a sync runs, what the navigation's
// count badges count, and a punch's device codes as words (import preview, punch detail), at both
// sizes with axe.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

const ATTLOG = ['     1042\t2026-11-24 08:00:00\t1\t0\t1\t0', '     1042\t2026-11-24 17:31:09\t1\t1\t15\t0', '       77\t2026-11-24 19:02:00\t1\t4\t2\t0', '       77\t2026-11-24 23:10:41\t1\t5\t0\t0'].join('\r\n');

test('a running sync says what it is doing where the next sync time stands', async ({ page }) => {
  // Slow steps: the run is still on while both sizes are taken.
  await openFixture(page, '/', { step: 3000 });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('status')).toHaveText('Next sync 25 Nov 2026, 09:45');
  await page.getByRole('button', { name: 'Sync now' }).click();
  // The fixture connects to every device at once, as a site with up to three devices does.
  await expect(nav.getByRole('status')).toHaveText(/^Syncing now: reading \d devices$/, { timeout: 30_000 });
  await expect(page.getByRole('main').getByText(/^Syncing now: reading \d devices$/)).toBeVisible();
  await expect(page.getByText(/No sync scheduled/)).toHaveCount(0);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    // The progress panel and the last-sync card sit below the attention list.
    await page.getByRole('heading', { name: 'Last sync' }).evaluate((heading) => heading.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    await screenshot(page, `dashboard-syncing-${viewport.name}`);
    expect(await accessibilityViolations(page), `dashboard syncing at ${viewport.name}`).toEqual([]);
  }
});

test('the navigation badges say what they count', async ({ page }) => {
  await openFixture(page, '/');
  const punches = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Punches \d+ punches held: \d+ refused by ERPNext, \d+ will retry$/ });
  await expect(punches).toBeVisible();
  await expect(page.getByRole('link', { name: /^Employee mapping \d+ device users? not linked to an employee$/ })).toBeVisible();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await punches.locator('.mantine-Badge-root').hover();
    await expect(page.getByRole('tooltip')).toHaveText(/^\d+ punches held: \d+ refused by ERPNext, \d+ will retry$/);
    await page.waitForTimeout(300);
    await screenshot(page, `nav-badge-tooltip-${viewport.name}`);
    expect(await accessibilityViolations(page), `badge tooltip at ${viewport.name}`).toEqual([]);
    await page.mouse.move(700, 400);
  }
});

test('an attlog preview shows the key pressed and how the person was known, in words', async ({ page }) => {
  await openFixture(page, '/import');
  await page.getByLabel('Punch file').setInputFiles({ name: '1_attlog.dat', mimeType: 'application/octet-stream', buffer: Buffer.from(ATTLOG) });
  const table = page.getByRole('table', { name: 'First rows of the file' });
  await expect(table.getByRole('columnheader')).toHaveText(['User ID', 'Time', 'Key pressed', 'Verified by']);
  await expect(table.getByRole('row').nth(1)).toHaveText(/1042.*Check in.*Fingerprint/);
  await expect(table.getByRole('row').nth(2)).toHaveText(/Check out.*Face/);
  await expect(table.getByRole('row').nth(3)).toHaveText(/Overtime in.*Card/);
  await expect(table.getByRole('row').nth(4)).toHaveText(/Overtime out.*Password/);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await table.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, `import-attlog-preview-${viewport.name}`);
    expect(await accessibilityViolations(page), `attlog preview at ${viewport.name}`).toEqual([]);
  }
});

test('the punch detail gives the key pressed and the verify method as words', async ({ page }) => {
  await openFixture(page, '/punches', { count: 500 });
  await page.getByRole('grid', { name: 'Punches' }).getByRole('row').nth(1).click();
  const detail = page.getByRole('dialog');
  await expect(detail.getByRole('row', { name: /^Key pressed / })).toHaveText(/^Key pressed(Check in|Check out|Break out|Break in|Overtime in|Overtime out|No key|Key \d+)$/);
  await expect(detail.getByRole('row', { name: /^Verified by / })).toHaveText(/^Verified by(Password|Fingerprint|Card|Face|Palm|Other \(\d+\))$/);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await screenshot(page, `punch-detail-${viewport.name}`);
    expect(await accessibilityViolations(page), `punch detail at ${viewport.name}`).toEqual([]);
  }
});
