// Story: a newer terminal is set to push its punches (ADMS). With the receiver off, the Devices page
// says where to switch it on; once on, the terminal knocks, waits for approval, HR approves it with
// a name, and what it pushes from then on is kept. The terminal here is page.request speaking iclock.
import { expect, test } from '@playwright/test';
import { callApi, closedPort, openHost, screenshotBoth } from './host-support';

const SERIAL = 'CQZ7241900088';

test('a push device waits for approval, is approved with a name, and its punches are kept', async ({ page, request }) => {
  const admsPort = await closedPort();
  await openHost(page, '/devices');
  const section = page.getByRole('region', { name: 'Push devices waiting for approval' });
  await expect(section).toContainText('The receiver is off');
  await section.getByRole('link', { name: 'turn it on under Settings' }).click();

  const sending = page.getByRole('region', { name: 'Sending punches' });
  await sending.getByRole('textbox', { name: /Receive pushes from devices/ }).fill(String(admsPort));
  await sending.getByRole('button', { name: 'Save sending settings' }).click();
  await expect(page.getByText('Sending settings saved.')).toBeVisible();

  const iclock = `http://127.0.0.1:${admsPort}/iclock/cdata`;
  await expect.poll(async () => (await request.get(`${iclock}?SN=${SERIAL}&options=all&pushver=2.4.1`).catch(() => null))?.status(), { timeout: 10_000 }).toBe(403);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Devices/ }).click();
  const waiting = section.getByRole('table', { name: 'Push devices waiting for approval' });
  await expect(waiting).toContainText(SERIAL);
  await expect(waiting).toContainText('127.0.0.1');
  await screenshotBoth(page, 'host-adms-waiting');

  await waiting.getByRole('button', { name: `Approve ${SERIAL}` }).click();
  const dialog = page.getByRole('dialog', { name: `Approve ${SERIAL}` });
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByText('Give the device a name, such as "Main gate"')).toBeVisible();
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Loading dock');
  await screenshotBoth(page, 'host-adms-approve-form');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('Loading dock is approved: its punches are kept from now on.')).toBeVisible();
  const row = page.getByRole('table', { name: 'Devices' }).getByRole('row').filter({ hasText: 'Loading dock' });
  await expect(row).toContainText('Push');
  await expect(row).toContainText(`from 127.0.0.1 · ${SERIAL}`);
  await expect(section).toContainText('No terminal is waiting');
  await screenshotBoth(page, 'host-adms-approved');

  // Nothing connects to a push terminal: its form has no port, comm key or connection test.
  await row.getByRole('button', { name: 'Edit Loading dock' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Loading dock' });
  await expect(form.getByText('This terminal sends its punches to Punchbridge by itself (ADMS push).')).toBeVisible();
  await expect(form.getByRole('textbox', { name: /^Port/ })).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Test connection' })).toHaveCount(0);
  await screenshotBoth(page, 'host-adms-edit-push-device');

  // The terminal is in India and its firmware reads the time zone in minutes: HR sets both, and
  // the next handshake tells it +5:30 as 330.
  const handshakeTimeZone = async () => /TimeZone=(.*)/.exec(await (await request.get(`${iclock}?SN=${SERIAL}&options=all`)).text())?.[1];
  await form.getByRole('combobox', { name: /Time zone of the device clock/ }).fill('Kolkata');
  await page.getByRole('option', { name: 'Asia/Kolkata' }).click();
  await form.getByRole('combobox', { name: /The terminal reads the time zone in/ }).click();
  await page.getByRole('option', { name: /^Minutes/ }).click();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Loading dock is saved.')).toBeVisible();
  expect(await handshakeTimeZone()).toBe('330');

  // The Punches screen stays open while the terminal pushes: the service's status event refreshes it.
  const device = (await callApi<{ id: string; name: string }[]>(request, 'listDevices')).find((candidate) => candidate.name === 'Loading dock')!;
  await openHost(page, `/punches?device=${device.id}`);
  await expect(page.getByText('No punches match these filters')).toBeVisible();
  const pushed = await request.post(`${iclock}?SN=${SERIAL}&table=ATTLOG&Stamp=1`, {
    headers: { 'content-type': 'text/plain' },
    data: '7\t2026-11-24 08:01:00\t0\t1\t0\t0\n8\t2026-11-24 08:02:30\t0\t1\t0\t0\n',
  });
  expect(await pushed.text()).toBe('OK: 2');
  await expect(page.getByText('2 punches match the filters.')).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toContainText('Loading dock');
});
