import { describe, expect, it, vi } from 'vitest';
import { createFakeApi } from '../app/host/fake-api';
import { createQuitSequence, QUIT_WAIT_LIMIT_MS, QUITTING, withoutRunsWhileQuitting, type QuitSteps } from './quit-sequence';

function setup(closeService: () => Promise<void>) {
  const order: string[] = [];
  const timers: { callback: () => void; delayMs: number }[] = [];
  const steps: QuitSteps = {
    closeService: () => {
      order.push('close service');
      return closeService();
    },
    showFinishing: () => order.push('show finishing'),
    destroyTray: () => order.push('destroy tray'),
    closeLogging: () => order.push('close logging'),
    quit: () => order.push('quit'),
    relaunch: () => order.push('relaunch'),
    warn: (message) => order.push(`warn: ${message}`),
    setTimer(callback, delayMs) {
      const timer = { callback, delayMs };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
  };
  return { sequence: createQuitSequence(steps), order, timers };
}

const willQuit = () => ({ preventDefault: vi.fn() });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createQuitSequence', () => {
  it('stops the service before the tray goes, then lets the quit through', async () => {
    const { sequence, order } = setup(async () => undefined);
    const first = willQuit();
    sequence.onWillQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(sequence.quitting()).toBe(true);
    await settle();
    expect(order).toEqual(['show finishing', 'close service', 'destroy tray', 'close logging', 'quit']);
    const second = willQuit();
    sequence.onWillQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('quits anyway when the service is still busy after the limit', async () => {
    const { sequence, order, timers } = setup(() => new Promise(() => undefined));
    sequence.onWillQuit(willQuit());
    await settle();
    expect(order).not.toContain('quit');
    expect(timers[0]!.delayMs).toBe(QUIT_WAIT_LIMIT_MS);
    timers[0]!.callback();
    await settle();
    expect(order.at(-1)).toBe('quit');
    expect(order.some((line) => line.startsWith('warn: The service did not stop'))).toBe(true);
  });

  it('starts again after exit when Punchbridge was launched while quitting', async () => {
    let release = () => {};
    const { sequence, order } = setup(() => new Promise<void>((resolve) => (release = resolve)));
    expect(sequence.deferLaunch()).toBe(false);
    sequence.onWillQuit(willQuit());
    expect(sequence.deferLaunch()).toBe(true);
    release();
    await settle();
    expect(order.slice(-2)).toEqual(['relaunch', 'quit']);
  });

  it('closes the service and the log on a Windows session end, where will-quit never comes', async () => {
    const { sequence, order } = setup(async () => undefined);
    await sequence.onSessionEnd();
    expect(sequence.quitting()).toBe(true);
    expect(order).toEqual(['close service', 'close logging']);
  });
});

describe('withoutRunsWhileQuitting', () => {
  it('refuses Sync now once quitting, with a reason, and passes it through before', async () => {
    let quitting = false;
    const api = createFakeApi({ syncNow: () => ({ ok: true, value: 'run' }), getStatus: () => 'status' });
    const guarded = withoutRunsWhileQuitting(api, () => quitting);
    expect(await guarded.syncNow()).toEqual({ ok: true, value: 'run' });
    quitting = true;
    expect(await guarded.syncNow()).toEqual({ ok: false, error: QUITTING });
    expect(await guarded.getStatus()).toBe('status');
    expect(api.calls.filter((call) => call.method === 'syncNow')).toHaveLength(1);
  });
});
