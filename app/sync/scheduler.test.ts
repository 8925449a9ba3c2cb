import { describe, expect, it } from 'vitest';
import type { RunTrigger } from '../vocabulary';
import { createFakeClock } from './fake-clock';
import { createScheduler } from './scheduler';

const MINUTE = 60_000;

function setup(options: { runAtStart?: boolean; paused?: boolean; runMs?: number } = {}) {
  const clock = createFakeClock();
  const runs: { trigger: RunTrigger; at: number }[] = [];
  const scheduler = createScheduler({
    clock,
    runAtStart: options.runAtStart,
    paused: options.paused,
    run: async (trigger) => {
      runs.push({ trigger, at: clock.now() });
      await clock.sleep(options.runMs ?? 1000);
      return runs.length;
    },
  });
  return { clock, runs, scheduler, start: clock.now() };
}

describe('scheduler', () => {
  it('runs at start, then every 15 minutes after each run ends', async () => {
    const { clock, runs, scheduler, start } = setup();
    scheduler.start();
    await clock.advance(1000);
    expect(runs).toEqual([{ trigger: 'startup', at: start }]);
    expect(scheduler.state().nextRunAt).toBe(start + 1000 + 15 * MINUTE);
    await clock.advance(2 * 15 * MINUTE + 2000);
    expect(runs.map((run) => run.trigger)).toEqual(['startup', 'schedule', 'schedule']);
    expect(runs[1]!.at).toBe(start + 1000 + 15 * MINUTE);
    scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('waits one interval first when "run at start" is off', async () => {
    const { clock, runs, scheduler, start } = setup({ runAtStart: false });
    scheduler.start();
    expect(scheduler.state().nextRunAt).toBe(start + 15 * MINUTE);
    await clock.advance(15 * MINUTE - 1);
    expect(runs).toHaveLength(0);
    await clock.advance(1);
    expect(runs).toEqual([{ trigger: 'schedule', at: start + 15 * MINUTE }]);
  });

  it('lets a manual trigger during a run join it and get its result', async () => {
    const { clock, runs, scheduler } = setup({ runMs: 5000 });
    scheduler.start();
    await clock.advance(100);
    expect(scheduler.state().running).toBe(true);
    const joined = scheduler.trigger('manual');
    await clock.advance(5000);
    expect(await joined).toBe(1);
    expect(runs).toHaveLength(1);
    expect(scheduler.state().running).toBe(false);
  });

  it('never starts a second run while one is going, even when the schedule falls due', async () => {
    const { clock, runs, scheduler } = setup({ runMs: 20 * MINUTE, runAtStart: false });
    scheduler.start();
    await clock.advance(15 * MINUTE);
    expect(runs).toHaveLength(1);
    scheduler.onWake();
    await clock.advance(10 * MINUTE);
    expect(runs).toHaveLength(1);
  });

  it('runs when the computer wakes, unless paused', async () => {
    const { clock, runs, scheduler } = setup({ runAtStart: false });
    scheduler.start();
    scheduler.onWake();
    await clock.advance(2000);
    expect(runs.map((run) => run.trigger)).toEqual(['wake']);
    scheduler.pause();
    scheduler.onWake();
    await clock.advance(2000);
    expect(runs).toHaveLength(1);
  });

  it('stops the schedule while paused, still runs on demand, and catches up on resume', async () => {
    const { clock, runs, scheduler } = setup({ runAtStart: false });
    scheduler.start();
    scheduler.pause();
    expect(scheduler.state()).toMatchObject({ paused: true, nextRunAt: null });
    await clock.advance(60 * MINUTE);
    expect(runs).toHaveLength(0);
    const manual = scheduler.trigger('manual');
    await clock.advance(1000);
    expect(await manual).toBe(1);
    expect(scheduler.state().nextRunAt).toBeNull();
    await clock.advance(20 * MINUTE);
    scheduler.resume();
    await clock.advance(1000);
    expect(runs.map((run) => run.trigger)).toEqual(['manual', 'schedule']);
    expect(scheduler.state().nextRunAt).toBe(clock.now() + 15 * MINUTE);
  });

  it('starts paused without running, and reschedules when the interval changes', async () => {
    const { clock, runs, scheduler } = setup({ paused: true });
    scheduler.start();
    await clock.advance(1000);
    expect(runs).toHaveLength(0);
    scheduler.resume();
    await clock.advance(1000);
    expect(runs).toHaveLength(1);
    scheduler.setInterval(5);
    expect(scheduler.state()).toMatchObject({ intervalMinutes: 5, nextRunAt: clock.now() + 5 * MINUTE });
  });

  it('keeps scheduling after a run that threw', async () => {
    const clock = createFakeClock();
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = createScheduler({
      clock,
      onUnexpectedError: (error) => errors.push(error),
      run: async () => {
        calls++;
        throw new Error('bug');
      },
    });
    scheduler.start();
    await clock.advance(15 * MINUTE + 10);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
