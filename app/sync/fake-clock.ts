// A clock that only moves when a test moves it, for the scheduler and retry tests.
import type { Clock } from './clock';

interface PendingTimer {
  at: number;
  order: number;
  callback: () => void;
}

export interface FakeClock extends Clock {
  /** Move time forward, firing every timer that falls due, in order, letting promises settle between. */
  advance(ms: number): Promise<void>;
  /** How many timers wait to fire. */
  pendingTimers(): number;
}

export function createFakeClock(startMs = Date.UTC(2026, 10, 25, 9, 0, 0)): FakeClock {
  let now = startMs;
  let nextOrder = 0;
  const timers = new Set<PendingTimer>();

  const setTimer = (callback: () => void, ms: number) => {
    const timer = { at: now + Math.max(0, ms), order: nextOrder++, callback };
    timers.add(timer);
    return () => void timers.delete(timer);
  };

  return {
    now: () => now,
    setTimer,
    sleep: (ms) => new Promise((resolve) => setTimer(resolve, ms)),
    pendingTimers: () => timers.size,
    async advance(ms) {
      const target = now + ms;
      await settlePromises();
      for (;;) {
        const due = [...timers].filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
        if (!due) break;
        timers.delete(due);
        now = Math.max(now, due.at);
        due.callback();
        await settlePromises();
      }
      now = target;
      await settlePromises();
    },
  };
}

async function settlePromises(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
