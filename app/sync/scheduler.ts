// When sync runs happen: every interval, once at start, when the computer wakes, and
// on demand. One run at a time: a trigger that arrives during a run joins it and gets its result.
import type { RunTrigger } from '../vocabulary';
import type { Clock } from './clock';

export const DEFAULT_INTERVAL_MINUTES = 15;

export interface SchedulerOptions<T> {
  clock: Clock;
  run(trigger: RunTrigger): Promise<T>;
  intervalMinutes?: number;
  runAtStart?: boolean;
  paused?: boolean;
  /** A scheduled run threw: a bug, since runs report failures as values. */
  onUnexpectedError?(error: unknown): void;
  /** Running, paused or the next run time changed. */
  onChange?(): void;
}

export interface SchedulerState {
  running: boolean;
  paused: boolean;
  /** Epoch milliseconds of the next scheduled run; null while paused or not started. */
  nextRunAt: number | null;
  intervalMinutes: number;
}

export interface Scheduler<T> {
  start(): void;
  stop(): void;
  /** Run now, or join the run in progress. Works while paused: pausing stops the schedule, not the person. */
  trigger(trigger: RunTrigger): Promise<T>;
  /** The computer woke from sleep: timers were frozen, so run now unless paused. */
  onWake(): void;
  pause(): void;
  resume(): void;
  setInterval(minutes: number): void;
  state(): SchedulerState;
}

export function createScheduler<T>(options: SchedulerOptions<T>): Scheduler<T> {
  const { clock } = options;
  let intervalMinutes = options.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
  let paused = options.paused ?? false;
  let started = false;
  let current: Promise<T> | null = null;
  let nextRunAt: number | null = null;
  let cancelTimer: (() => void) | null = null;
  let lastFinishedAt: number | null = null;

  const intervalMs = () => intervalMinutes * 60_000;

  const scheduleAt = (at: number | null) => {
    cancelTimer?.();
    cancelTimer = null;
    nextRunAt = started && !paused ? at : null;
    if (nextRunAt !== null) cancelTimer = clock.setTimer(() => void runInBackground('schedule'), Math.max(0, nextRunAt - clock.now()));
    options.onChange?.();
  };

  const trigger = (why: RunTrigger): Promise<T> => {
    if (current) return current;
    cancelTimer?.();
    cancelTimer = null;
    nextRunAt = null;
    const running = options.run(why).finally(() => {
      current = null;
      lastFinishedAt = clock.now();
      scheduleAt(lastFinishedAt + intervalMs());
    });
    current = running;
    options.onChange?.();
    return running;
  };

  const runInBackground = (why: RunTrigger) => trigger(why).catch((error: unknown) => options.onUnexpectedError?.(error));

  return {
    start() {
      if (started) return;
      started = true;
      if (options.runAtStart ?? true) {
        if (!paused) void runInBackground('startup');
        else scheduleAt(null);
      } else scheduleAt(clock.now() + intervalMs());
    },
    stop() {
      started = false;
      scheduleAt(null);
    },
    trigger,
    onWake() {
      if (started && !paused) void runInBackground('wake');
    },
    pause() {
      paused = true;
      scheduleAt(null);
    },
    resume() {
      if (!paused) return;
      paused = false;
      if (current) return options.onChange?.();
      // A run that fell due while paused happens now rather than one more interval later.
      const due = lastFinishedAt === null ? clock.now() : lastFinishedAt + intervalMs();
      if (started && due <= clock.now()) void runInBackground('schedule');
      else scheduleAt(due);
    },
    setInterval(minutes) {
      intervalMinutes = minutes;
      if (!current) scheduleAt((lastFinishedAt ?? clock.now()) + intervalMs());
    },
    state: () => ({ running: current !== null, paused, nextRunAt, intervalMinutes }),
  };
}
