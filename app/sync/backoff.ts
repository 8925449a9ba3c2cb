// How long to wait before trying a transient failure again: exponential, capped, with jitter so
// that many punches failing together do not return together.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Between tries of one punch inside a run. */
export const IN_RUN_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };
/** Before a failed punch is due again in a later run: 1 minute, doubling, at most 6 hours. */
export const BETWEEN_RUNS_BACKOFF: BackoffPolicy = { baseMs: 60_000, capMs: 6 * 60 * 60_000 };
/** A server's Retry-After is honoured up to this; longer asks are cut to it so a run can finish. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The wait before try number `attempt + 1`, after `attempt` failures (1, 2, ...). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": at least half the ceiling, so the wait still grows with each failure.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The wait a 429 asks for, or our own backoff when it names none. */
export function rateLimitDelayMs(retryAfterMs: number | null, attempt: number, policy: BackoffPolicy, random?: () => number): number {
  if (retryAfterMs !== null && retryAfterMs >= 0) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return backoffDelayMs(attempt, policy, random);
}
