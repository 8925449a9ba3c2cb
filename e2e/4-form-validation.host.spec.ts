// Story: typos are caught as they are typed (a bad IP address, an address without https://, an
// empty API key), each with a message that says what to enter, and nothing is saved.
import { expect, test } from '@playwright/test';
import { callApi, openHost, screenshotBoth } from './host-support';

test('form validation: bad IP, bad URL and empty key show their messages and nothing is saved', async ({ page, request }) => {
  const devicesBefore = await callApi<{ id: string }[]>(request, 'listDevices');
  const erpnextBefore = await callApi<unknown>(request, 'getErpnextSettings');

  await openHost(page, '/devices?add=1');
  const form = page.getByRole('dialog');
  await form.getByRole('textbox', { name: /^Name/ }).fill('Side door');
  await form.getByRole('textbox', { name: /Network address/ }).fill('192.168.1.300');
  await expect(form.getByText('Enter an IPv4 address such as 192.168.1.201 or a host name')).toBeVisible();
  await form.getByRole('button', { name: 'Add device' }).click();
  await expect(form).toBeVisible();
  await screenshotBoth(page, 'host-validation-device');
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  expect(await callApi<{ id: string }[]>(request, 'listDevices')).toEqual(devicesBefore);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Settings/ }).click();
  await page.getByRole('textbox', { name: 'ERPNext address' }).fill('erp.example.com');
  await expect(page.getByText('Enter the full address of your ERPNext site, such as https://erp.example.com')).toBeVisible();
  await page.getByRole('textbox', { name: 'API key' }).fill('');
  await expect(page.getByText('Enter the API key from your ERPNext user (User > API Access)')).toBeVisible();
  await page.getByRole('button', { name: 'Save connection' }).click();
  await screenshotBoth(page, 'host-validation-settings');
  await expect(page.getByText('ERPNext settings saved.')).toBeHidden();
  expect(await callApi<unknown>(request, 'getErpnextSettings')).toEqual(erpnextBefore);
});
