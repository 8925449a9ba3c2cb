// The mapping screen over the fixture API: suggestions and chosen employees keep their employee ID
// in sight, and the Linked tab lists links kept in ERPNext as well as those kept in Punchbridge.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

test('links are listed by name and ID, wherever they are kept, and can be unlinked', async ({ page }) => {
  await openFixture(page, '/mapping');
  await page.getByRole('tab', { name: 'Linked', exact: true }).click();
  const table = page.getByRole('table', { name: 'People linked to employees' });
  const priya = table.getByRole('row').filter({ hasText: 'HR-EMP-00051' });
  await expect(priya).toContainText('Priya Nakamura');
  await expect(priya).toContainText('ERPNext (Attendance Device ID)');
  await expect(table.getByRole('row').filter({ hasText: 'HR-EMP-00049' })).toContainText('Punchbridge only');
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await screenshot(page, `mapping-linked-${viewport.name}`);
    expect(await accessibilityViolations(page), `linked at ${viewport.name}`).toEqual([]);
  }
  await priya.getByRole('button', { name: /^Unlink user 5003/ }).click();
  await expect(page.getByText('User 5003 unlinked')).toBeVisible();
  await expect(priya).toHaveCount(0);
});

test('a suggestion shows the employee ID in full, and so does the chosen employee', async ({ page }) => {
  await openFixture(page, '/mapping');
  await page.setViewportSize({ width: 1024, height: 640 });
  const suggestion = page.getByRole('button', { name: /^Suggested: / }).first();
  await expect(suggestion).toContainText(/HR-EMP-\d{5}/);
  const id = /HR-EMP-\d{5}/.exec(await suggestion.innerText())![0];
  const box = await suggestion.getByText(id).boundingBox();
  const buttonBox = await suggestion.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(buttonBox!.x + buttonBox!.width + 1);
  await suggestion.click();
  await expect(page.getByRole('row').filter({ hasText: id }).first()).toBeVisible();
  await screenshot(page, 'mapping-suggestion-chosen-1024x640');
  expect(await accessibilityViolations(page)).toEqual([]);
});
