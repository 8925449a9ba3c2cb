// The "On the devices" view of Employee mapping and its History tab, at both sizes, with axe.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

async function atBothSizes(page: Page, name: string, inView?: Locator): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.waitForTimeout(300);
    await inView?.scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${viewport.name}`);
    expect(await accessibilityViolations(page), `${name} at ${viewport.name}`).toEqual([]);
  }
}

test('on the devices: preview, confirm removals, history', async ({ page }) => {
  await openFixture(page, '/mapping');
  await page.getByRole('tab', { name: 'On the devices' }).click();
  await page.getByRole('button', { name: 'Check the devices' }).click();
  await expect(page.getByRole('table', { name: 'Employees on the devices' })).toBeVisible();
  await atBothSizes(page, 'mapping-on-devices');
  // A push terminal that has not polled since the last apply: its queued changes wait, with since when.
  await expect(page.getByText('not fetched by the device yet')).toBeVisible();
  await atBothSizes(page, 'mapping-on-devices-waiting', page.getByRole('heading', { name: 'Waiting for the device' }));

  await page.getByRole('checkbox', { name: 'Also remove people who left' }).click();
  await expect(page.getByText('Remove 1013 "Tomasz Nowak" (left)').first()).toBeVisible();
  await page.getByRole('button', { name: /^Apply \d+ changes$/ }).click();
  await expect(page.getByRole('dialog', { name: 'Remove people from the devices?' })).toBeVisible();
  await atBothSizes(page, 'mapping-on-devices-confirm');

  await page.getByRole('button', { name: /Apply, including/ }).click();
  await expect(page.getByText('Nothing more to change')).toBeVisible();
  await atBothSizes(page, 'mapping-on-devices-nothing-more');
  // Same document: the fixture keeps what was just applied.
  await openFixture(page, '/history?tab=device-users');
  await expect(page.getByText('Added 1107 "Ngozi Adeyemi"').first()).toBeVisible();
  await atBothSizes(page, 'history-device-users');
});
