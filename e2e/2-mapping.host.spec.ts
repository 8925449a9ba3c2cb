// Story: people punched on a device but are not linked to an employee, so their punches are held.
// HR links one with the suggested employee; the held punches go back to the queue and the next
// sync puts them into ERPNext.
import { expect, test } from '@playwright/test';
import { callApi, openHost, screenshotBoth, waitForIdle } from './host-support';

test('an unmatched user mapped with a suggestion, then synced: the held punches end up in ERPNext', async ({ page, request }) => {
  await waitForIdle(request);
  await openHost(page, '/mapping');
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^Suggested: / }) }).first();
  const suggestion = row.getByRole('button', { name: /^Suggested: / });
  await expect(suggestion).toBeVisible();
  const userId = /ID (\S+) · /.exec(await row.innerText())![1]!;
  const held = Number((await row.getByRole('cell').nth(2).innerText()).replace(/,/g, ''));
  expect(held).toBeGreaterThan(0);

  await suggestion.click();
  await expect(page.getByText('1 person selected')).toBeVisible();
  await screenshotBoth(page, 'host-mapping-suggestion-chosen');
  await page.getByRole('button', { name: 'Map in Punchbridge only' }).click();
  await expect(page.getByText(`1 person linked. ${held} held punches went back to the queue and will be sent at the next sync.`)).toBeVisible();
  await screenshotBoth(page, 'host-mapping-linked');
  await page.getByRole('tab', { name: 'Linked', exact: true }).click();
  await expect(page.getByRole('table', { name: 'People linked to employees' })).toContainText(userId);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Dashboard/ }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 60_000 });

  const page1 = await callApi<{ rows: { userId: string; state: string }[] }>(request, 'queryPunches', { search: userId, limit: 1000 });
  const theirs = page1.rows.filter((punch) => punch.userId === userId);
  expect(theirs.length).toBeGreaterThanOrEqual(held);
  expect(theirs.filter((punch) => punch.state !== 'synced')).toEqual([]);

  await openHost(page, `/punches?q=${userId}&state=synced`);
  await expect(page.getByText(/punch(es)? match the filters\./)).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toContainText('In ERPNext');
  await screenshotBoth(page, 'host-mapping-synced-punches');
});
