// A fresh install, no device and no ERPNext yet: the empty screens say that a device is missing
// (not "Everyone is linked" or "press Sync now"), the sidebar schedules nothing, and the greyed-out
// "Sync now" says why.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

for (const [name, hash] of [
  ['mapping', '/mapping'],
  ['punches', '/punches'],
  ['history', '/history'],
] as const) {
  test(`${name} on a fresh install asks for a device`, async ({ page }) => {
    await openFixture(page, hash, { scenario: 'first-run' });
    await expect(page.getByText('No devices yet')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Add a device' })).toHaveAttribute('href', '#/devices?add=1');
    await expect(page.getByText('Everyone is linked')).toHaveCount(0);
    await expect(page.getByText(/Press "Sync now"/)).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByText('Nothing to sync yet')).toBeVisible();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(300);
      await screenshot(page, `${name}-first-run-${viewport.name}`);
      expect(await accessibilityViolations(page), `${name} at ${viewport.name}`).toEqual([]);
    }
  });
}

test('the greyed-out Sync now says why', async ({ page }) => {
  await openFixture(page, '/', { scenario: 'first-run' });
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  await page.getByRole('button', { name: 'Sync now' }).hover({ force: true });
  await expect(page.getByRole('tooltip')).toContainText('Connect ERPNext and add a device first');
});
