// Story: the Back office clock runs 7 minutes ahead. HR presses "Set time" and the row says the
// clock is correct at once, with no "ahead" left until the next sync.
import { expect, test } from '@playwright/test';
import { openHost, screenshotBoth, waitForIdle } from './host-support';

test('Set time: the row shows the corrected clock at once', async ({ page, request }) => {
  await waitForIdle(request);
  await openHost(page, '/devices');
  const row = page.getByRole('row').filter({ hasText: 'Back office' });
  await expect(row).toContainText(/min \d+ s ahead/);
  await row.getByRole('button', { name: 'Set time' }).click();
  await expect(page.getByText(/Back office's clock now reads/)).toBeVisible();
  await expect(row).toContainText('Correct');
  await expect(row).not.toContainText('ahead');
  await screenshotBoth(page, 'host-devices-time-set');
});
