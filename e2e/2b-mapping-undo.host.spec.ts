// Story: HR links a person with "Save to ERPNext", then sees the choice was wrong. The link is on
// the Linked tab with the employee's name, saying it is kept in ERPNext; unlinking puts the
// employee's Attendance Device ID back, and after the next sync the person waits to be linked again.
import { expect, test } from '@playwright/test';
import { callApi, openHost, screenshotBoth, waitForIdle } from './host-support';

test('a link saved to ERPNext can be seen and undone', async ({ page, request }) => {
  await waitForIdle(request);
  await openHost(page, '/mapping');
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^Suggested: / }) }).first();
  const suggestion = row.getByRole('button', { name: /^Suggested: / });
  const employeeId = /HR-EMP-\d+/.exec((await suggestion.innerText()).replace(/\s+/g, ' '))![0];
  const userId = /ID (\S+) · /.exec(await row.innerText())![1]!;
  await suggestion.click();
  // Chosen, the row has no suggestion any more: find it by its user id.
  await expect(page.getByRole('row').filter({ hasText: `ID ${userId} · ` })).toContainText(employeeId);
  await page.getByRole('button', { name: 'Save to ERPNext' }).click();
  await expect(page.getByText(/1 person linked\./)).toBeVisible();

  await page.getByRole('tab', { name: 'Linked', exact: true }).click();
  const linked = page.getByRole('table', { name: 'People linked to employees' }).getByRole('row').filter({ hasText: employeeId });
  await expect(linked).toContainText('ERPNext (Attendance Device ID)');
  const employee = (await callApi<{ ok: true; value: { name: string; employeeName: string; attendanceDeviceId: string | null }[] }>(request, 'searchEmployees', { text: employeeId })).value.find((found) => found.name === employeeId)!;
  expect(employee.attendanceDeviceId).toBe(userId);
  await expect(linked).toContainText(employee.employeeName);
  await screenshotBoth(page, 'host-mapping-linked-in-erpnext');

  await linked.getByRole('button', { name: /^Unlink user/ }).click();
  await expect(page.getByText(`User ${userId} unlinked`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'People linked to employees' }).getByRole('row').filter({ hasText: employeeId })).toHaveCount(0);
  const after = (await callApi<{ ok: true; value: { name: string; attendanceDeviceId: string | null }[] }>(request, 'searchEmployees', { text: employeeId })).value.find((found) => found.name === employeeId)!;
  expect(after.attendanceDeviceId).toBeNull();

  await callApi(request, 'syncNow');
  await waitForIdle(request);
  const unmatched = await callApi<{ userId: string }[]>(request, 'listUnmatchedUsers');
  expect(unmatched.map((user) => user.userId)).toContain(userId);
});
