import { describe, expect, it, vi } from 'vitest';
import { createFakeApi } from '../app/host/fake-api';
import { withPreferenceEffects } from './preference-effects';
import { claimSingleInstance } from './single-instance';
import { syncOnWake } from './wake-sync';

describe('claimSingleInstance', () => {
  it('shows the running instance when Punchbridge is launched again', () => {
    const listeners: Record<string, () => void> = {};
    const app = { requestSingleInstanceLock: () => true, on: (event: string, listener: () => void) => (listeners[event] = listener), quit: vi.fn() };
    const show = vi.fn();
    expect(claimSingleInstance(app, show)).toBe(true);
    listeners['second-instance']!();
    expect(show).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('quits the second launch', () => {
    const app = { requestSingleInstanceLock: () => false, on: vi.fn(), quit: vi.fn() };
    expect(claimSingleInstance(app, vi.fn())).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
  });
});

describe('syncOnWake', () => {
  function setup(options: { nextRunAt: string | null; online: boolean[] }) {
    const listeners: Record<string, () => void> = {};
    const timers: { callback: () => void; at: number }[] = [];
    let now = Date.parse('2026-11-25T09:30:00Z');
    const online = [...options.online];
    const runWakeSync = vi.fn();
    syncOnWake({
      power: { on: (event, listener) => (listeners[event] = listener) },
      nextRunAt: async () => options.nextRunAt,
      isOnline: () => (online.length > 1 ? online.shift()! : online[0]!),
      runWakeSync,
      quitting: () => false,
      now: () => now,
      setTimer(callback, delayMs) {
        const timer = { callback, at: now + delayMs };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
    });
    /** Runs the next timer, moving the clock to it. */
    const tick = async () => {
      const timer = timers.shift();
      if (!timer) return false;
      now = timer.at;
      timer.callback();
      await Promise.resolve();
      return true;
    };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    return { listeners, runWakeSync, tick, settle, timers };
  }

  it('syncs on resume when a run fell due during sleep, once the network is back', async () => {
    const { listeners, runWakeSync, tick, settle } = setup({ nextRunAt: '2026-11-25T09:00:00Z', online: [false, false, true] });
    listeners.resume!();
    await settle();
    expect(runWakeSync).not.toHaveBeenCalled();
    await tick();
    await settle();
    expect(runWakeSync).not.toHaveBeenCalled();
    await tick();
    await settle();
    expect(runWakeSync).toHaveBeenCalledOnce();
  });

  it('does not sync on an unlock when no run is due, or while paused', async () => {
    for (const nextRunAt of ['2026-11-25T09:40:00Z', null]) {
      const { listeners, runWakeSync, settle } = setup({ nextRunAt, online: [true] });
      listeners['unlock-screen']!();
      await settle();
      expect(runWakeSync).not.toHaveBeenCalled();
    }
  });

  it('runs once for a resume and an unlock that come together', async () => {
    const { listeners, runWakeSync, tick, settle, timers } = setup({ nextRunAt: '2026-11-25T09:00:00Z', online: [false, false, true] });
    listeners.resume!();
    listeners['unlock-screen']!();
    expect(timers).toHaveLength(1);
    while (await tick()) await settle();
    expect(runWakeSync).toHaveBeenCalledOnce();
  });

  it('gives up waiting for the network after a few minutes', async () => {
    const { listeners, runWakeSync, tick, settle } = setup({ nextRunAt: '2026-11-25T09:00:00Z', online: [false] });
    listeners.resume!();
    let polls = 0;
    while (await tick()) polls++;
    await settle();
    expect(polls).toBe(60);
    expect(runWakeSync).not.toHaveBeenCalled();
  });
});

describe('withPreferenceEffects', () => {
  it('applies preferences the service accepted, and only those', async () => {
    const saved = { startAtLogin: true, startMinimised: false, closeToTray: true };
    const api = createFakeApi({ setPreferences: () => ({ ok: true, value: saved }), getStatus: () => 'status' });
    const apply = vi.fn();
    const wrapped = withPreferenceEffects(api, apply);
    await wrapped.setPreferences({ startAtLogin: true });
    expect(apply).toHaveBeenCalledWith(saved);
    expect(await wrapped.getStatus()).toBe('status');

    const refusing = withPreferenceEffects(createFakeApi({ setPreferences: () => ({ ok: false, error: { code: 'x', message: 'm', action: 'a' } }) }), apply);
    await refusing.setPreferences({});
    expect(apply).toHaveBeenCalledOnce();
  });
});
