// Adding a device at 1024x640: the test result and the errors come into view where the person is
// looking, "Test connection" says why it cannot run yet, and a second "Warehouse" is refused at its name.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot } from './fixture-support';

test.use({ viewport: { width: 1024, height: 640 } });

test('the test result is brought into view', async ({ page }) => {
  await openFixture(page, '/devices?add=1');
  const form = page.getByRole('dialog');
  const testButton = form.getByRole('button', { name: 'Test connection' });
  await expect(testButton).toBeDisabled();
  await expect(form.getByText('Enter a valid network address to test the connection.')).toBeVisible();
  await form.getByRole('textbox', { name: /Network address/ }).fill('192.168.1.240');
  await expect(form.getByText('Enter a valid network address to test the connection.')).toBeHidden();
  await testButton.click();
  await expect(form.getByText('Connected to the device')).toBeInViewport();
  await screenshot(page, 'devices-add-tested-1024x640');
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('an invalid save shows the first error, and a taken name is refused at the name', async ({ page }) => {
  await openFixture(page, '/devices?add=1');
  const form = page.getByRole('dialog');
  const name = form.getByRole('textbox', { name: /^Name/ });
  await form.getByRole('textbox', { name: /Network address/ }).fill('192.168.1.241');
  await form.getByRole('button', { name: 'Add device' }).click();
  await expect(name).toBeInViewport();
  await expect(name).toBeFocused();

  await name.fill('warehouse');
  await form.getByRole('button', { name: 'Add device' }).click();
  await expect(form.getByText('Another device is already called "Warehouse".').first()).toBeInViewport();
  await screenshot(page, 'devices-add-name-taken-1024x640');
  expect(await accessibilityViolations(page)).toEqual([]);
});
