import { describe, expect, it } from 'vitest';
import type { ApiError } from '../vocabulary';
import { backoffDelayMs, BETWEEN_RUNS_BACKOFF, IN_RUN_BACKOFF, MAX_RETRY_AFTER_MS, rateLimitDelayMs } from './backoff';
import { createFakeClock, type FakeClock } from './fake-clock';
import { runPushPool, type PushPoolResult, type PushStep } from './push-pool';

const error = (code: string): ApiError => ({ code, message: code, action: 'act' });
const range = (count: number) => Array.from({ length: count }, (_, i) => i);

async function drive(clock: FakeClock, pool: Promise<PushPoolResult>): Promise<PushPoolResult> {
  let result: PushPoolResult | undefined;
  void pool.then((value) => (result = value));
  for (let i = 0; i < 10_000 && !result; i++) await clock.advance(100);
  if (!result) throw new Error('the pool never finished');
  return result;
}

describe('backoff', () => {
  it('doubles up to the cap and jitters within the upper half', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, IN_RUN_BACKOFF, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelayMs(3, IN_RUN_BACKOFF, () => 0)).toBe(1000);
    expect(backoffDelayMs(40, BETWEEN_RUNS_BACKOFF, () => 1)).toBe(BETWEEN_RUNS_BACKOFF.capMs);
  });

  it('follows Retry-After, within reason', () => {
    expect(rateLimitDelayMs(7000, 1, IN_RUN_BACKOFF)).toBe(7000);
    expect(rateLimitDelayMs(3_600_000, 1, IN_RUN_BACKOFF)).toBe(MAX_RETRY_AFTER_MS);
    expect(rateLimitDelayMs(null, 2, IN_RUN_BACKOFF, () => 1)).toBe(1000);
  });
});

describe('runPushPool', () => {
  it('keeps at most `concurrency` pushes in flight and handles every item once', async () => {
    const clock = createFakeClock();
    let inFlight = 0;
    let mostInFlight = 0;
    const seen: number[] = [];
    const result = await drive(
      clock,
      runPushPool(range(20), {
        concurrency: 4,
        clock,
        attempt: async (item) => {
          inFlight++;
          mostInFlight = Math.max(mostInFlight, inFlight);
          await clock.sleep(50);
          inFlight--;
          seen.push(item);
          return { kind: 'settled' };
        },
        giveUp: () => {},
      }),
    );
    expect(result).toEqual({ stop: null, untried: 0 });
    expect(mostInFlight).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(range(20));
  });

  it('retries a transient failure after a backoff and then settles', async () => {
    const clock = createFakeClock();
    const tries: number[] = [];
    const gaveUp: number[] = [];
    await drive(
      clock,
      runPushPool([1], {
        concurrency: 4,
        clock,
        random: () => 1,
        attempt: async () => {
          tries.push(clock.now());
          return tries.length < 3 ? { kind: 'transient', error: error('transient') } : { kind: 'settled' };
        },
        giveUp: (item) => void gaveUp.push(item),
      }),
    );
    expect(tries).toHaveLength(3);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(500);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(1000);
    expect(gaveUp).toEqual([]);
  });

  it('gives an item up after its tries, with the last error, and goes on with the rest', async () => {
    const clock = createFakeClock();
    const gaveUp: [number, string][] = [];
    const result = await drive(
      clock,
      runPushPool(range(4), {
        concurrency: 2,
        clock,
        attempt: async (item): Promise<PushStep> => (item === 1 ? { kind: 'transient', error: error('server-error') } : { kind: 'settled' }),
        giveUp: (item, last) => void gaveUp.push([item, last.code]),
      }),
    );
    expect(result.stop).toBeNull();
    expect(gaveUp).toEqual([[1, 'server-error']]);
  });

  it('stops everything at the first bad-credentials answer, reporting it once', async () => {
    const clock = createFakeClock();
    const attempted: number[] = [];
    const result = await drive(
      clock,
      runPushPool(range(100), {
        concurrency: 4,
        clock,
        attempt: async (item): Promise<PushStep> => {
          attempted.push(item);
          await clock.sleep(10);
          return { kind: 'stop-run', error: error('bad-credentials') };
        },
        giveUp: () => {},
      }),
    );
    expect(result.stop).toEqual({ reason: 'fatal', error: error('bad-credentials') });
    expect(attempted.length).toBeLessThanOrEqual(4);
    expect(result.untried).toBe(100);
  });

  it('pauses every worker for the time a 429 asks', async () => {
    const clock = createFakeClock();
    const start = clock.now();
    const tries: { item: number; at: number }[] = [];
    let limited = false;
    await drive(
      clock,
      runPushPool(range(8), {
        concurrency: 4,
        clock,
        attempt: async (item): Promise<PushStep> => {
          tries.push({ item, at: clock.now() - start });
          await clock.sleep(10);
          if (item === 0 && !limited) {
            limited = true;
            return { kind: 'rate-limited', error: error('rate-limited'), retryAfterMs: 5000 };
          }
          return { kind: 'settled' };
        },
        giveUp: () => {},
      }),
    );
    const afterLimit = tries.filter((entry) => entry.at >= 10);
    expect(afterLimit.length).toBeGreaterThan(0);
    expect(afterLimit.every((entry) => entry.at >= 5010)).toBe(true);
    expect(tries.filter((entry) => entry.item === 0)).toHaveLength(2);
  });

  it('stops the run when the server keeps failing, leaving the rest untried', async () => {
    const clock = createFakeClock();
    const gaveUp: number[] = [];
    const result = await drive(
      clock,
      runPushPool(range(1000), {
        concurrency: 4,
        clock,
        attempt: async (): Promise<PushStep> => ({ kind: 'transient', error: error('unreachable') }),
        giveUp: (item) => void gaveUp.push(item),
      }),
    );
    expect(result.stop).toEqual({ reason: 'outage', error: error('unreachable') });
    expect(gaveUp.length).toBeGreaterThan(0);
    expect(gaveUp.length).toBeLessThanOrEqual(8);
    expect(result.untried + gaveUp.length).toBe(1000);
  });
});
