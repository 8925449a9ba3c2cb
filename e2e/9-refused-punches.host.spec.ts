// Story: ERPNext refused punches of an Inactive employee. HR follows the dashboard banner to the
// refused punches, sees them grouped by ERPNext's reason with what to change and a link to that
// employee in ERPNext, is told that sending again now changes nothing, sets the employee Active in
// ERPNext, and the group then says it is fixed; sent again, the punches end up in ERPNext.
// Runs last: it leaves the demo with no refused punches.
import { expect, test } from '@playwright/test';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from '../app/sim/erpnext/options';
import { callApi, openHost, screenshotBoth, waitForIdle } from './host-support';

const EMPLOYEE = 'HR-EMP-00012';

test('refused punches: banner, grouped reason with a link into ERPNext, a send-again that says what changed', async ({ page, request }) => {
  await waitForIdle(request);
  const rejected = (await callApi<{ counts: { rejected: number } }>(request, 'getStatus')).counts.rejected;
  expect(rejected).toBeGreaterThan(0);

  await openHost(page, '/');
  await page.getByRole('region', { name: 'Needs your attention' }).getByRole('link', { name: 'Open refused punches' }).click();
  const groups = page.getByRole('region', { name: 'Why ERPNext refused punches' });
  await expect(groups).toContainText(`Transactions cannot be created for an Inactive Employee ${EMPLOYEE}`);
  await expect(groups).toContainText('Not fixed yet');
  await expect(groups).toContainText(`${EMPLOYEE} is still Inactive in ERPNext`);
  const link = groups.getByRole('link', { name: `Open ${EMPLOYEE} in ERPNext` });
  const employeeUrl = await link.getAttribute('href');
  expect(employeeUrl).toMatch(new RegExp(`/app/employee/${EMPLOYEE}$`));
  await expect(page.getByRole('grid', { name: 'Punches' }).getByRole('row').nth(1)).toContainText('Inactive Employee');
  await screenshotBoth(page, 'host-refused-grouped');
  await page.getByRole('grid', { name: 'Punches' }).getByRole('row').nth(1).click();
  await expect(page.getByRole('dialog')).toContainText(`${EMPLOYEE}, found by ERPNext from Attendance Device ID 12`);
  await page.keyboard.press('Escape');

  // What HR does in ERPNext, through its REST API with the demo's API user.
  const site = new URL(employeeUrl!).origin;
  const changed = await request.put(`${site}/api/resource/Employee/${EMPLOYEE}`, {
    headers: { authorization: `token ${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}` },
    data: { status: 'Active' },
  });
  expect(changed.status()).toBe(200);

  await page.reload();
  await expect(groups).toContainText('Fixed: ready to send');
  await groups.getByRole('button', { name: 'Send again', exact: true }).click();
  await expect(page.getByText(`${EMPLOYEE} is Active in ERPNext now, so ERPNext will take these punches.`, { exact: true })).toBeVisible();
  await expect(groups).toBeHidden();
  await screenshotBoth(page, 'host-refused-sent-again');

  await callApi(request, 'syncNow');
  await waitForIdle(request);
  expect((await callApi<{ counts: { rejected: number } }>(request, 'getStatus')).counts.rejected).toBe(0);
});

