import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../app/testing/temp-folders';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, signedRelease, startBackgroundUpdates, updatesOffBecause } from './app-updates';

describe('updatesOffBecause', () => {
  it('updates only a packaged, signed release the administrator did not turn off', () => {
    expect(updatesOffBecause({ isPackaged: true, env: {}, signedRelease: true })).toBeNull();
    expect(updatesOffBecause({ isPackaged: false, env: {}, signedRelease: true })).toBe('this is a development build');
    expect(updatesOffBecause({ isPackaged: true, env: { PUNCHBRIDGE_UPDATES: 'OFF' }, signedRelease: true })).toMatch(/administrator/);
    expect(updatesOffBecause({ isPackaged: true, env: {}, signedRelease: false })).toBe('this build is not a signed release');
  });

  it('reads the signed mark the release workflow puts in the packaged package.json', () => {
    const app = tempFolder('updates');
    expect(signedRelease(app)).toBe(false);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'punchbridge' }));
    expect(signedRelease(app)).toBe(false);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'punchbridge', punchbridgeRelease: { signed: true } }));
    expect(signedRelease(app)).toBe(true);
  });
});

describe('startBackgroundUpdates', () => {
  it('checks after a minute and then every six hours, and offers the downloaded version', async () => {
    const updater = Object.assign(new EventEmitter(), { autoDownload: false, autoInstallOnAppQuit: false, checkForUpdates: vi.fn(async () => null) });
    const timers: { callback: () => void; delayMs: number }[] = [];
    const onReady = vi.fn();
    startBackgroundUpdates({ updater, onReady, warn: vi.fn(), setTimer: (callback, delayMs) => (timers.push({ callback, delayMs }), () => undefined) });
    expect(updater.autoDownload).toBe(true);
    expect(timers.map((timer) => timer.delayMs)).toEqual([FIRST_CHECK_DELAY_MS]);
    timers[0]!.callback();
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
    expect(timers.map((timer) => timer.delayMs)).toEqual([FIRST_CHECK_DELAY_MS, CHECK_INTERVAL_MS]);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(onReady).toHaveBeenCalledWith('0.2.0');
  });

  it('only logs a failed check', async () => {
    const updater = Object.assign(new EventEmitter(), { autoDownload: false, autoInstallOnAppQuit: false, checkForUpdates: vi.fn(async () => Promise.reject(new Error('offline'))) });
    const warn = vi.fn();
    let run = () => {};
    startBackgroundUpdates({ updater, onReady: vi.fn(), warn, setTimer: (callback) => ((run = callback), () => undefined) });
    run();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warn).toHaveBeenCalledWith('Looking for an update failed', expect.any(Error));
  });
});
