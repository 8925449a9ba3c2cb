// Frappe's rate limiter (docs/frappe-hr.md §3.7) counts processing time for the whole site, and
// once the window's budget is spent it answers 429 to everyone, desk users included. A run paces
// itself by the X-RateLimit-* headers of every answer so that it never runs into the 429, and says
// that it waited and why.
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

it('waits for the next window before the site budget runs out, instead of meeting a 429', { timeout: 60_000 }, async () => {
  // 0.3 s of server time per 1 s window; each request takes at least 20 ms of it.
  harness = await startHarness({
    devices: [{ simulator: { recordCount: 60 } }],
    erpnext: { faults: { latencyMs: 20, siteRateLimit: { limitSeconds: 0.3, windowSeconds: 1 } } },
  });
  const summary = await harness.engine.runOnce('manual');
  expect(harness.erpnext.rateLimitedCount).toBe(0);
  expect(summary.counts).toMatchObject({ synced: 60, failed: 0 });
  expect(summary.warnings.join(' ')).toMatch(/rate limit .* shared by everyone using the site, desk users included/);
});
