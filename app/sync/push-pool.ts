// Pushes many punches with a bounded number of requests in flight. Transient
// failures are retried with backoff inside the run; a 429 pauses every worker for the time the
// server asks; bad credentials or the time trap stop the whole pool at once, so the person sees
// the error once instead of once per punch; many transient failures in a row mean the server is
// down, and the pool stops rather than spending the run on a dead address.
import type { ApiError } from '../vocabulary';
import { backoffDelayMs, IN_RUN_BACKOFF, rateLimitDelayMs, type BackoffPolicy } from './backoff';
import type { Clock } from './clock';

/** What one try of one item came to, as the caller classified the answer. */
export type PushStep =
  | { kind: 'settled' }
  | { kind: 'transient'; error: ApiError }
  | { kind: 'rate-limited'; error: ApiError; retryAfterMs: number | null }
  | { kind: 'stop-run'; error: ApiError };

export interface PushPoolOptions<T> {
  concurrency: number;
  clock: Clock;
  /** One try; must not throw for expected failures. */
  attempt(item: T): Promise<PushStep>;
  /** The item's last try in this run failed transiently: record it for a later run. */
  giveUp(item: T, error: ApiError): void | Promise<void>;
  /** Called after every item that is finished with in this run, settled or given up. */
  onItemDone?(): void;
  /** Tries per item in one run (default 3). */
  maxAttempts?: number;
  /** Transient failures in a row, with no answer in between, that mean the server is down (default 8). */
  outageThreshold?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
}

export type PoolStop = { reason: 'fatal'; error: ApiError } | { reason: 'outage'; error: ApiError };

export interface PushPoolResult {
  /** Why the pool stopped early; null when every item was handled. */
  stop: PoolStop | null;
  /** Items never tried because the pool stopped; they keep their state for the next run. */
  untried: number;
}

export async function runPushPool<T>(items: readonly T[], options: PushPoolOptions<T>): Promise<PushPoolResult> {
  const maxAttempts = options.maxAttempts ?? 3;
  const outageThreshold = options.outageThreshold ?? 8;
  const backoff = options.backoff ?? IN_RUN_BACKOFF;
  let next = 0;
  let stop: PoolStop | null = null;
  let transientInARow = 0;
  let pausedUntil = 0;

  const waitOutPause = async () => {
    while (!stop && options.clock.now() < pausedUntil) await options.clock.sleep(pausedUntil - options.clock.now());
  };

  /** Tries one item until it settles, gives up, or the pool stops; false when it was never tried. */
  const handle = async (item: T): Promise<boolean> => {
    let lastError: ApiError | null = null;
    for (let attempt = 1; ; attempt++) {
      await waitOutPause();
      if (stop) {
        if (lastError) await options.giveUp(item, lastError);
        return lastError !== null;
      }
      const step = await options.attempt(item);
      if (step.kind === 'settled') {
        transientInARow = 0;
        return true;
      }
      if (step.kind === 'stop-run') {
        // This item was refused for a reason that is not its own: it stays as it was.
        stop ??= { reason: 'fatal', error: step.error };
        return false;
      }
      lastError = step.error;
      if (step.kind === 'rate-limited') {
        transientInARow = 0;
        pausedUntil = Math.max(pausedUntil, options.clock.now() + rateLimitDelayMs(step.retryAfterMs, attempt, backoff, options.random));
      } else if (++transientInARow >= outageThreshold) {
        stop ??= { reason: 'outage', error: step.error };
      }
      if (attempt >= maxAttempts) {
        await options.giveUp(item, step.error);
        return true;
      }
      if (step.kind === 'transient' && !stop) await options.clock.sleep(backoffDelayMs(attempt, backoff, options.random));
    }
  };

  let untried = 0;
  const worker = async () => {
    while (!stop && next < items.length) {
      const item = items[next++]!;
      if (await handle(item)) options.onItemDone?.();
      else untried++;
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { stop, untried: untried + items.length - next };
}
