// "Save to ERPNext" for an employee who already has another Attendance Device ID asks first; the
// dialog is photographed at both sizes and checked by axe.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

test('mapping asks before replacing an Attendance Device ID', async ({ page }) => {
  await openFixture(page, '/mapping');
  await page.getByRole('button', { name: /Suggested: José Álvarez \(HR-EMP-00001\)/ }).click();
  await page.getByRole('button', { name: 'Save to ERPNext' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace an Attendance Device ID in ERPNext?' });
  await expect(dialog.getByText('3000 → 1042')).toBeVisible();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.waitForTimeout(300);
    await screenshot(page, `mapping-replace-device-id-${viewport.name}`);
    expect(await accessibilityViolations(page), `mapping-replace-device-id at ${viewport.name}`).toEqual([]);
  }
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
});
