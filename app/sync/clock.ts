// Time as the sync engine sees it. Injected so that tests drive the scheduler and backoff with a
// fake clock instead of waiting.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Call `callback` after `ms`; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
