// The refused punches' path over the fixture API: the dashboard banner's button, the groups by
// reason with what to change and a link into ERPNext, the reason column, the punch detail.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

test('from the banner to the refused punches, grouped by reason', async ({ page }) => {
  await openFixture(page, '/', { count: 2000 });
  await page.getByRole('link', { name: 'Open refused punches' }).click();
  const groups = page.getByRole('region', { name: 'Why ERPNext refused punches' });
  const inactive = groups.getByRole('button', { name: /Inactive Employee HR-EMP-00006/ });
  await expect(inactive).toBeVisible();
  if ((await inactive.getAttribute('aria-expanded')) !== 'true') await inactive.click();
  await expect(groups.getByRole('link', { name: 'Open HR-EMP-00006 in ERPNext' })).toHaveAttribute('href', 'https://erp.acme.example.com/app/employee/HR-EMP-00006');
  const grid = page.getByRole('grid', { name: 'Punches' });
  await expect(grid.getByRole('columnheader', { name: 'Reason' })).toBeVisible();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await screenshot(page, `punches-refused-${viewport.name}`);
    expect(await accessibilityViolations(page), `refused punches at ${viewport.name}`).toEqual([]);
  }

  await grid.getByRole('row').filter({ hasText: 'Inactive Employee' }).first().click();
  const detail = page.getByRole('dialog');
  await expect(detail).toContainText('What to change: Set employee HR-EMP-00006 to Active');
  await expect(detail).not.toContainText('Not linked to an employee');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'punches-refused-detail-1024x640');
  await page.keyboard.press('Escape');

  await groups.getByRole('button', { name: 'Send again anyway' }).first().click();
  await expect(page.getByText(/will be sent again at the next sync/)).toBeVisible();
  await expect(page.getByText('Nothing has changed: HR-EMP-00006 is still Inactive in ERPNext, which would refuse these punches again.').first()).toBeVisible();
});
