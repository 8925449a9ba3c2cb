import { describe, expect, it, vi } from 'vitest';
import { appStatus, runSummary } from './test-support';
import { trayMenuTemplate, trayStateFor, trayTooltip } from './tray-state';

describe('trayStateFor', () => {
  it('is idle when the last run sent everything and nothing waits', () => {
    expect(trayStateFor(appStatus({ lastRun: runSummary() }))).toBe('idle');
  });

  it('is syncing during a run, whatever else is true', () => {
    expect(trayStateFor(appStatus({ running: true, lastRun: runSummary({ outcome: 'failed' }) }))).toBe('syncing');
  });

  it('is error after a failed run', () => {
    expect(trayStateFor(appStatus({ lastRun: runSummary({ outcome: 'failed' }), unmatchedUsers: 3 }))).toBe('error');
  });

  it('is error while the time trap\'s stop stands, until it is lifted', () => {
    const stop = { reason: 'time-trap' as const, stoppedAt: '2026-11-25T09:12:00.000Z', liftedAt: null, wrongCheckins: [] };
    const error = { code: 'erpnext-time-trap', message: 'Pushing has stopped', action: 'Fix the role' };
    expect(trayStateFor(appStatus({ lastRun: runSummary(), pushStop: { ...stop, error } }))).toBe('error');
    expect(trayTooltip(appStatus({ pushStop: { ...stop, error } }))).toContain('Pushing stopped: ERPNext replaced punch times');
    expect(trayStateFor(appStatus({ lastRun: runSummary(), pushStop: { ...stop, liftedAt: '2026-11-25T10:00:00.000Z', error } }))).toBe('idle');
  });

  it('needs attention for unknown users, rejected punches, a partial run, a problem or missing setup', () => {
    const problem = { code: 'secret', message: 'The API secret was refused', action: 'Enter it again' };
    for (const status of [
      appStatus({ unmatchedUsers: 2 }),
      appStatus({ counts: { ...appStatus().counts, rejected: 1 } }),
      appStatus({ lastRun: runSummary({ outcome: 'partial' }) }),
      appStatus({ attention: [problem] }),
      appStatus({ erpnextConfigured: false }),
      appStatus({ devicesConfigured: false }),
    ]) {
      expect(trayStateFor(status)).toBe('attention');
    }
  });
});

describe('trayTooltip', () => {
  const now = new Date('2026-11-25T12:00:00');
  it('gives the last and the next sync', () => {
    const status = appStatus({ lastRun: runSummary({ finishedAt: new Date('2026-11-25T09:12:00').toISOString() }), nextRunAt: new Date('2026-11-25T09:27:00').toISOString() });
    expect(trayTooltip(status, now)).toBe('Punchbridge · Last sync 09:12, all sent · Next 09:27');
  });

  it('says when nothing ran yet, when paused, and how many users are unknown', () => {
    expect(trayTooltip(appStatus({ paused: true, nextRunAt: null, unmatchedUsers: 1 }), now)).toBe(
      'Punchbridge · Not synced yet · Schedule paused · 1 unknown user',
    );
  });

  it('says what a running sync is doing, and promises no sync before a device is added', () => {
    const progress = { runId: 8, trigger: 'schedule' as const, startedAt: '2026-11-25T11:59:00.000Z', devices: [{ deviceId: 'gate', deviceName: 'Main gate', phase: 'reading-records' as const, bytesRead: 10, bytesTotal: 90 }], push: { done: 0, total: 0 } };
    expect(trayTooltip(appStatus({ running: true, progress }), now)).toBe('Punchbridge · Syncing now: reading punches from Main gate');
    expect(trayTooltip(appStatus({ devicesConfigured: false, nextRunAt: new Date('2026-11-25T12:15:00').toISOString() }), now)).toBe('Punchbridge · Not synced yet · Nothing to sync yet: add a device');
  });

  it('adds the date to a last sync from another day', () => {
    const status = appStatus({ lastRun: runSummary({ outcome: 'failed', finishedAt: new Date('2026-11-23T18:05:00').toISOString() }) });
    expect(trayTooltip(status, now)).toBe('Punchbridge · Last sync 23 Nov 18:05, failed');
  });
});

describe('trayMenuTemplate', () => {
  const actions = () => ({ syncNow: vi.fn(), openWindow: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), installUpdate: vi.fn() });
  const labels = (items: { label?: string }[]) => items.filter((item) => item.label).map((item) => item.label);

  it('offers Sync now, Open, Pause and Quit, each doing what it says', () => {
    const handlers = actions();
    const menu = trayMenuTemplate(appStatus(), handlers);
    expect(labels(menu)).toEqual(['Sync now', 'Open Punchbridge', 'Pause schedule', 'Quit Punchbridge']);
    menu.forEach((item) => item.click?.());
    expect(handlers.syncNow).toHaveBeenCalledOnce();
    expect(handlers.openWindow).toHaveBeenCalledOnce();
    expect(handlers.setPaused).toHaveBeenCalledWith(true);
    expect(handlers.quit).toHaveBeenCalledOnce();
  });

  it('offers Resume when paused and greys out Sync now during a run', () => {
    const handlers = actions();
    const menu = trayMenuTemplate(appStatus({ paused: true, running: true }), handlers);
    expect(labels(menu)).toEqual(['Syncing…', 'Open Punchbridge', 'Resume schedule', 'Quit Punchbridge']);
    expect(menu[0]!.enabled).toBe(false);
    menu.find((item) => item.label === 'Resume schedule')!.click!();
    expect(handlers.setPaused).toHaveBeenCalledWith(false);
  });
});
