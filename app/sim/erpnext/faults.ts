// The fault switches: what the simulated site does to a request before Frappe sees it.
import { seededRandom } from '../seeded-random';
import { BENCH_WORKER_TIMEOUT_MS, type ErpnextFaults, type FrontAnswer, type LostAnswer } from './options';
import { SiteRateLimiter, type RateLimitTicket } from './site-rate-limit';

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'maintenance' }
  | { kind: 'rateLimited'; retryAfterSeconds: number; limit: number }
  | { kind: 'serverError' }
  | { kind: 'front'; answer: FrontAnswer };

/** What happens between an accepted checkin and its answer. */
export interface CommitPlan {
  /** How long the commit takes. */
  delayMs: number;
  /** The answer that is lost after the commit, or null. */
  lost: LostAnswer | null;
}

export class FaultSwitches {
  private faults: ErpnextFaults;
  private readonly random: () => number;
  private windowStartedAt = 0;
  private windowRequests = 0;
  private answersLost = 0;
  private readonly siteLimiter: SiteRateLimiter;

  constructor(
    faults: ErpnextFaults,
    seed: number,
    private readonly nowMs: () => number,
  ) {
    this.faults = { ...faults };
    this.random = seededRandom(seed);
    this.siteLimiter = new SiteRateLimiter(nowMs);
  }

  /** Frappe's site-wide limiter, when switched on: the request's headers and its verdict. */
  beginSiteRateLimit(): RateLimitTicket | null {
    return this.faults.siteRateLimit ? this.siteLimiter.begin(this.faults.siteRateLimit) : null;
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  get workerTimeoutMs(): number {
    return this.faults.workerTimeoutMs ?? BENCH_WORKER_TIMEOUT_MS;
  }

  set(faults: ErpnextFaults): void {
    this.faults = { ...this.faults, ...faults };
    if ('rateLimit' in faults) this.windowRequests = 0;
    if ('lostAnswers' in faults) this.answersLost = 0;
  }

  /** Decided once per request, in the order a real deployment would meet them. */
  decide(): FaultAction {
    const { faults } = this;
    if (faults.dropConnections) return { kind: 'drop' };
    if (faults.frontAnswer) return { kind: 'front', answer: faults.frontAnswer };
    if (faults.hang) return { kind: 'hang' };
    if (faults.maintenance) return { kind: 'maintenance' };
    if (faults.rateLimit) {
      const limited = this.countInWindow(faults.rateLimit.requests, faults.rateLimit.windowMs);
      if (limited) return limited;
    }
    if (faults.failureRate && this.random() < faults.failureRate) return { kind: 'serverError' };
    return { kind: 'none' };
  }

  /** Decided once per accepted checkin. */
  decideCommit(): CommitPlan {
    const { slowCommits, lostAnswers } = this.faults;
    const delayMs = slowCommits && this.random() < slowCommits.share ? slowCommits.delayMs : 0;
    const mayLose = lostAnswers && (lostAnswers.first === undefined || this.answersLost < lostAnswers.first);
    const lost = mayLose && this.random() < lostAnswers.share ? lostAnswers.as : null;
    if (lost) this.answersLost++;
    return { delayMs, lost };
  }

  private countInWindow(requests: number, windowMs: number): FaultAction | undefined {
    const now = this.nowMs();
    if (now - this.windowStartedAt >= windowMs) {
      this.windowStartedAt = now;
      this.windowRequests = 0;
    }
    this.windowRequests += 1;
    if (this.windowRequests <= requests) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStartedAt + windowMs - now) / 1000));
    return { kind: 'rateLimited', retryAfterSeconds, limit: requests };
  }
}
