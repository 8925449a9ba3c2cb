// The pacer holds requests back to the next window while the site's budget is nearly spent.
import { expect, it } from 'vitest';
import { createRatePacer } from './rate-pacing';

function pacerAt(start: number) {
  const clock = { now: start, slept: [] as number[] };
  const pacer = createRatePacer(
    () => clock.now,
    async (ms) => {
      clock.slept.push(ms);
      clock.now += ms;
    },
  );
  return { clock, pacer };
}

it('lets requests go while the budget lasts, and waits for the window to end when it does not', async () => {
  const { clock, pacer } = pacerAt(1_000_000);
  await pacer.ready();
  expect(clock.slept).toEqual([]);
  pacer.observe({ 'x-ratelimit-limit': '10000000', 'x-ratelimit-remaining': '9000000', 'x-ratelimit-reset': '30' }, 50);
  await pacer.ready();
  expect(clock.slept).toEqual([]);
  // Under a tenth of the budget left: the rest is the desk users'.
  pacer.observe({ 'x-ratelimit-limit': '10000000', 'x-ratelimit-remaining': '900000', 'x-ratelimit-reset': '30' }, 50);
  await pacer.ready();
  expect(clock.slept).toEqual([30_000]);
  expect(pacer.report()).toEqual({ pausedMs: 30_000, limitMicros: 10_000_000 });
});

it('does nothing for a site without a limit', async () => {
  const { clock, pacer } = pacerAt(0);
  pacer.observe({}, 50);
  await pacer.ready();
  expect(clock.slept).toEqual([]);
  expect(pacer.report()).toBeNull();
});
