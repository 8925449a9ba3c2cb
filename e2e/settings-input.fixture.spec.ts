// Settings keep what was typed: leaving with unsaved changes asks first, a test result goes away
// when the values it tested change, and an out-of-range number is an error, not a silent clamp.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

test('leaving with an unsaved API key asks first, and staying keeps it', async ({ page }) => {
  await openFixture(page, '/settings');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: /^Punches/ }).click();
  await expect(page.getByRole('heading', { name: 'Punches' })).toBeVisible();
  await nav.getByRole('link', { name: /^Settings/ }).click();

  await page.getByRole('textbox', { name: 'API key' }).fill('9a8b7c6d5e4f3');
  await nav.getByRole('link', { name: /^Punches/ }).click();
  const question = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(question).toContainText('ERPNext connection');
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await screenshot(page, `settings-leave-unsaved-${viewport.name}`);
    expect(await accessibilityViolations(page), `leave question at ${viewport.name}`).toEqual([]);
  }
  await question.getByRole('button', { name: 'Stay and save' }).click();
  await expect(page.getByRole('textbox', { name: 'API key' })).toHaveValue('9a8b7c6d5e4f3');

  await nav.getByRole('link', { name: /^Punches/ }).click();
  await question.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { name: 'Punches' })).toBeVisible();
});

test('"Connected" goes away when the address it was tested with changes', async ({ page }) => {
  await openFixture(page, '/settings');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected to ERPNext')).toBeVisible();
  await page.getByRole('textbox', { name: 'ERPNext address' }).fill('erp.acme');
  await expect(page.getByText('Connected to ERPNext')).toBeHidden();
});

test('0 minutes between syncs is an error that says why, and stays 0', async ({ page }) => {
  await openFixture(page, '/settings');
  const every = page.getByRole('textbox', { name: 'Sync every' });
  await every.fill('0');
  await every.blur();
  await expect(every).toHaveValue('0 min');
  await expect(page.getByText('Sync at most once a minute')).toBeVisible();
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Schedule saved.')).toBeHidden();
  await screenshot(page, 'settings-schedule-out-of-range-1280x800');
});
