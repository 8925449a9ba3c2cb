// Frappe's site-wide rate limiter as frappe/rate_limiter.py runs it when site_config sets
// `rate_limit: {limit, window}`: `limit` seconds of request processing time per fixed window of
// `window` seconds (aligned to the epoch), counted for the whole site, so every desk user's page
// loads spend the same budget as our pushes. Every answer carries X-RateLimit-Limit and
// -Remaining (microseconds, as the counter stood when the request began) and -Reset (seconds
// left in the window); a request that begins with the counter past the limit gets a 429
// "Too Many Requests" with Retry-After. A simulated request's processing time is its latency
// switch, so that what a window holds does not depend on how busy the machine running it is.
export interface SiteRateLimit {
  limitSeconds: number;
  windowSeconds: number;
}

export interface RateLimitTicket {
  rejected: boolean;
  headers: Record<string, string>;
  /** The request is done: its processing time goes on the window it began in. */
  finish(processingMs: number): void;
}

export class SiteRateLimiter {
  private readonly spentByWindow = new Map<number, number>();

  constructor(private readonly nowMs: () => number) {}

  begin(limit: SiteRateLimit): RateLimitTicket {
    const startedMs = this.nowMs();
    const limitMicros = Math.round(limit.limitSeconds * 1_000_000);
    const startedSeconds = Math.floor(startedMs / 1000);
    const windowNumber = Math.floor(startedSeconds / limit.windowSeconds);
    const counter = this.spentByWindow.get(windowNumber) ?? 0;
    const reset = limit.windowSeconds - (startedSeconds % limit.windowSeconds);
    const rejected = counter > limitMicros;
    const headers: Record<string, string> = {
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-limit': String(limitMicros),
      'x-ratelimit-remaining': String(Math.max(limitMicros - counter, 0)),
    };
    if (rejected) headers['retry-after'] = String(reset);
    return {
      rejected,
      headers,
      finish: (processingMs) => {
        const spent = Math.round(processingMs * 1000);
        for (const old of this.spentByWindow.keys()) if (old < windowNumber) this.spentByWindow.delete(old);
        this.spentByWindow.set(windowNumber, (this.spentByWindow.get(windowNumber) ?? 0) + spent);
      },
    };
  }

}
