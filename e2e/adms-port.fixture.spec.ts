// Settings, ADMS port: before saving, the page says the port opens to the network and at which
// addresses; a privileged port is refused with its reason.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility';
import { openFixture, screenshot, VIEWPORTS } from './fixture-support';

test('an ADMS port says what it opens before it is saved, and 80 is refused', async ({ page }) => {
  await openFixture(page, '/settings');
  const sending = page.getByRole('region', { name: 'Sending punches' });
  const port = sending.getByRole('textbox', { name: /Receive pushes from devices/ });
  await port.fill('80');
  await expect(sending.getByText(/Ports below 1024 belong to system services/)).toBeVisible();
  await expect(sending.getByText('Saving opens port 80 to your network')).toHaveCount(0);

  await port.fill('8081');
  const notice = sending.getByText('Saving opens port 8081 to your network');
  await expect(notice).toBeVisible();
  await expect(sending).toContainText('192.168.1.20:8081');
  await notice.scrollIntoViewIfNeeded();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await notice.scrollIntoViewIfNeeded();
    await screenshot(page, `settings-adms-port-${viewport.name}`);
    expect(await accessibilityViolations(page), `ADMS notice at ${viewport.name}`).toEqual([]);
  }
});
