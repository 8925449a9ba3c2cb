// The simulated site-wide limiter counts as frappe/rate_limiter.py does: processing time per fixed
// window for the whole site, headers on every answer, 429 once the counter is past the limit.
import { expect, it } from 'vitest';
import { SiteRateLimiter } from './site-rate-limit';

it('spends processing time per window, tells what is left, and refuses once it is spent', () => {
  let now = Date.UTC(2030, 0, 1, 8, 0, 0, 0);
  const limiter = new SiteRateLimiter(() => now);
  const limit = { limitSeconds: 1, windowSeconds: 60 };
  const first = limiter.begin(limit);
  expect(first).toMatchObject({ rejected: false, headers: { 'x-ratelimit-limit': '1000000', 'x-ratelimit-remaining': '1000000', 'x-ratelimit-reset': '60' } });
  now += 1200;
  first.finish(1200);
  const second = limiter.begin(limit);
  expect(second.rejected).toBe(true);
  expect(second.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '59', 'retry-after': '59' });
  now += 59_000;
  expect(limiter.begin(limit)).toMatchObject({ rejected: false, headers: { 'x-ratelimit-remaining': '1000000' } });
});
