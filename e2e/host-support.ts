import type { Page } from '@playwright/test';

/** Signs in with the link `punchbridge serve` printed, then opens a screen (hash route). */
export async function openHost(page: Page, hash = '/'): Promise<void> {
  const signIn = process.env.PUNCHBRIDGE_E2E_SIGN_IN_URL;
  if (!signIn) throw new Error('PUNCHBRIDGE_E2E_SIGN_IN_URL is not set: run with PUNCHBRIDGE_E2E=host');
  await page.goto(signIn);
  await page.goto(`${new URL(signIn).origin}/#${hash}`);
}
