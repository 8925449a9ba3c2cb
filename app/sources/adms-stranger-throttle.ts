// Requests from terminals nobody approved each cost a journal write and, for a new serial, a log
// line. A stranger rotating serials could otherwise rotate every log file away in seconds:
// past a budget per address and in all, they are refused without either, and
// counted into one summary per window.

export interface StrangerBudget {
  /** Unapproved requests one address may make per window before being refused unheard. */
  perAddress: number;
  /** The same over all addresses together. */
  total: number;
  windowMs: number;
}

/** A real unapproved terminal retries every ErrorDelay (30 s): two a minute. */
export const DEFAULT_STRANGER_BUDGET: StrangerBudget = { perAddress: 20, total: 200, windowMs: 60_000 };

export interface RefusedStrangers {
  refused: number;
  /** Up to five of the addresses refused, most refused first. */
  addresses: string[];
}

export class StrangerThrottle {
  private windowStart = Number.NEGATIVE_INFINITY;
  private heard = new Map<string, number>();
  private heardTotal = 0;
  private refused = new Map<string, number>();

  constructor(
    private readonly budget: StrangerBudget,
    private readonly now: () => number,
    /** Called once a window that refused requests is over. */
    private readonly report: (summary: RefusedStrangers) => void,
  ) {}

  /** True when a request from this address may be heard as a stranger (and is counted); false when it is refused unheard. */
  admit(address: string): boolean {
    this.roll();
    const fromAddress = this.heard.get(address) ?? 0;
    if (fromAddress >= this.budget.perAddress || this.heardTotal >= this.budget.total) {
      this.refused.set(address, (this.refused.get(address) ?? 0) + 1);
      return false;
    }
    this.heard.set(address, fromAddress + 1);
    this.heardTotal++;
    return true;
  }

  /** Report what the current window refused so far (on close). */
  flush(): void {
    if (this.refused.size === 0) return;
    const ranked = [...this.refused.entries()].sort((a, b) => b[1] - a[1]);
    this.report({ refused: ranked.reduce((sum, [, count]) => sum + count, 0), addresses: ranked.slice(0, 5).map(([address]) => address) });
    this.refused = new Map();
  }

  private roll(): void {
    const now = this.now();
    if (now - this.windowStart < this.budget.windowMs) return;
    this.flush();
    this.windowStart = now;
    this.heard = new Map();
    this.heardTotal = 0;
  }
}
