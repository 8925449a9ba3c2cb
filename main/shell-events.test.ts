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
  it('asks the service for a sync on resume and on unlock', () => {
    const listeners: Record<string, () => void> = {};
    const service = { onWake: vi.fn() };
    syncOnWake({ on: (event, listener) => (listeners[event] = listener) }, service);
    listeners.resume!();
    listeners['unlock-screen']!();
    expect(service.onWake).toHaveBeenCalledTimes(2);
  });

  it('is harmless with a service that has no wake hook', () => {
    const listeners: Record<string, () => void> = {};
    syncOnWake({ on: (event, listener) => (listeners[event] = listener) }, {});
    expect(() => listeners.resume!()).not.toThrow();
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
