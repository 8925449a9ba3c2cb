// Pacing under Frappe's site-wide rate limiter (frappe/rate_limiter.py, docs/frappe-hr.md §3.7):
// every answer says how much of the window's processing-time budget was left when it began
// (X-RateLimit-Remaining, microseconds) and when the window ends (X-RateLimit-Reset, seconds). The
// budget is the whole site's: desk users' page loads spend it too, and once it is gone Frappe
// answers 429 to everyone, them included. So requests wait for the next window before the budget
// runs out: while a tenth of it is kept for the desk, and what the requests in flight may spend.
const DESK_SHARE = 0.1;

export interface RateLimitReading {
  limitMicros: number;
  remainingMicros: number;
  /** Epoch ms when the window ends. */
  resetsAt: number;
}

export interface RatePacer {
  /** Resolves when a request may go. */
  ready(): Promise<void>;
  /** An answer came back after `roundTripMs`. */
  observe(headers: Record<string, string>, roundTripMs: number): void;
  started(): void;
  finished(): void;
  /** Time spent waiting so far, and the last budget seen; null when the site sends no limit. */
  report(): { pausedMs: number; limitMicros: number } | null;
}

export function createRatePacer(now: () => number = Date.now, sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))): RatePacer {
  let reading: RateLimitReading | null = null;
  let slowestRoundTripMs = 0;
  let inFlight = 0;
  let pausedMs = 0;

  const mustWaitUntil = (): number | null => {
    if (!reading || now() >= reading.resetsAt) return null;
    const inFlightSpend = (inFlight + 1) * slowestRoundTripMs * 1000;
    const reserve = reading.limitMicros * DESK_SHARE + inFlightSpend;
    return reading.remainingMicros < reserve ? reading.resetsAt : null;
  };

  return {
    async ready() {
      for (let until = mustWaitUntil(); until !== null; until = mustWaitUntil()) {
        const waitMs = until - now();
        pausedMs += waitMs;
        await sleep(waitMs);
      }
    },
    observe(headers, roundTripMs) {
      const limit = Number(headers['x-ratelimit-limit']);
      const remaining = Number(headers['x-ratelimit-remaining']);
      const reset = Number(headers['x-ratelimit-reset']);
      if (!(limit > 0) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
      slowestRoundTripMs = Math.max(slowestRoundTripMs, roundTripMs);
      // Reset counts whole seconds from the second the request began in: counted from the answer,
      // the window has surely ended by then.
      const resetsAt = now() + reset * 1000;
      // Answers of one window arrive out of order: keep the lowest remaining of the newest window.
      if (!reading || resetsAt > reading.resetsAt + 500 || remaining < reading.remainingMicros) {
        reading = { limitMicros: limit, remainingMicros: remaining, resetsAt };
      }
    },
    started: () => void inFlight++,
    finished: () => void inFlight--,
    report: () => (reading ? { pausedMs, limitMicros: reading.limitMicros } : null),
  };
}
