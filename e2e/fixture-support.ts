import type { Page } from '@playwright/test';

export interface FixturePageOptions {
  scenario?: 'full' | 'first-run' | 'empty' | 'erpnext-down' | 'time-trap' | 'broken' | 'push-devices' | 'silent-devices';
  count?: number;
  latency?: number;
  long?: boolean;
  /** Milliseconds per simulated sync phase. */
  step?: number;
}

/** Opens a screen of the UI running over the fixture API. `hash` is the route, e.g. '/punches?state=failed'. */
export async function openFixture(page: Page, hash: string, options: FixturePageOptions = {}): Promise<void> {
  const params = new URLSearchParams();
  if (options.scenario) params.set('scenario', options.scenario);
  if (options.count !== undefined) params.set('count', String(options.count));
  params.set('latency', String(options.latency ?? 20));
  if (options.long) params.set('long', '1');
  if (options.step !== undefined) params.set('step', String(options.step));
  await page.goto(`/fixture.html?${params}#${hash}`);
}

export const VIEWPORTS = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1024x640', width: 1024, height: 640 },
] as const;

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: false });
}
