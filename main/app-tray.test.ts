import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appStatus, runSummary } from './test-support';

const electron = vi.hoisted(() => {
  const trays: { image: string; tooltip: string; menu: { label?: string }[]; listeners: Record<string, () => void> }[] = [];
  class Tray {
    image: string;
    tooltip = '';
    menu: { label?: string }[] = [];
    listeners: Record<string, () => void> = {};
    destroyed = false;
    constructor(image: string) {
      this.image = image;
      trays.push(this);
    }
    // Electron's Tray throws on every call once destroyed.
    private alive() {
      if (this.destroyed) throw new TypeError('Object has been destroyed');
    }
    setImage(image: string) {
      this.alive();
      this.image = image;
    }
    setToolTip(text: string) {
      this.alive();
      this.tooltip = text;
    }
    setContextMenu(menu: { label?: string }[]) {
      this.alive();
      this.menu = menu;
    }
    on(event: string, listener: () => void) {
      this.listeners[event] = listener;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    trays,
    Tray,
    nativeImage: { createFromPath: (path: string) => path },
    Menu: { buildFromTemplate: (template: { label?: string }[]) => template },
  };
});
vi.mock('electron', () => electron);

const { AppTray, trayIconFile } = await import('./app-tray');

describe('AppTray', () => {
  beforeEach(() => electron.trays.splice(0));
  const actions = () => ({ syncNow: vi.fn(), openWindow: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), installUpdate: vi.fn() });

  it('shows the icon, tooltip and menu for each status', () => {
    const handlers = actions();
    const tray = new AppTray('/assets', handlers);
    const shown = electron.trays[0]!;
    expect(shown.image).toBe(trayIconFile('/assets', 'idle'));

    tray.show(appStatus({ running: true }));
    expect(shown.image).toBe(trayIconFile('/assets', 'syncing'));
    expect(shown.tooltip).toContain('Syncing now');

    tray.show(appStatus({ lastRun: runSummary({ outcome: 'failed' }) }));
    expect(shown.image).toBe(trayIconFile('/assets', 'error'));
    tray.show(appStatus({ unmatchedUsers: 4 }));
    expect(shown.image).toBe(trayIconFile('/assets', 'attention'));
    expect(shown.menu.map((item) => item.label)).toContain('Sync now');

    shown.listeners.click!();
    expect(handlers.openWindow).toHaveBeenCalledOnce();
  });

  it('follows a run\'s progress in its tooltip until the next status', () => {
    const tray = new AppTray('/assets', actions());
    const shown = electron.trays[0]!;
    tray.show(appStatus({ running: true }));
    const device = { deviceId: 'gate', deviceName: 'Main gate', bytesRead: 0, bytesTotal: 0 };
    tray.showProgress({ runId: 2, trigger: 'schedule', startedAt: '2026-11-25T09:00:00.000Z', devices: [{ ...device, phase: 'connecting' }], push: { done: 0, total: 0 } });
    expect(shown.tooltip).toBe('Punchbridge · Syncing now: connecting to Main gate');
    tray.showProgress({ runId: 2, trigger: 'schedule', startedAt: '2026-11-25T09:00:00.000Z', devices: [{ ...device, phase: 'done' }], push: { done: 5, total: 9 } });
    expect(shown.tooltip).toBe('Punchbridge · Syncing now: sending 5 of 9 punches to ERPNext');
    tray.show(appStatus({ lastRun: runSummary() }));
    expect(shown.tooltip).toMatch(/^Punchbridge · Last sync .*, all sent$/);
  });

  it('uses template images on macOS, ICO files on Windows and PNGs on Linux', () => {
    expect(trayIconFile('/a', 'error', 'darwin')).toMatch(/[/\\]tray[/\\]errorTemplate\.png$/);
    expect(trayIconFile('/a', 'error', 'win32')).toMatch(/[/\\]tray[/\\]error\.ico$/);
    expect(trayIconFile('/a', 'error', 'linux')).toMatch(/[/\\]tray[/\\]error\.png$/);
  });

  it('says it is finishing while quitting, offers nothing that would start a run, and ignores status after destroy', () => {
    const handlers = actions();
    const tray = new AppTray('/assets', handlers);
    const shown = electron.trays[0]!;
    tray.showFinishing();
    expect(shown.tooltip).toBe('Punchbridge · Finishing the current work before quitting…');
    expect(shown.menu.map((item) => item.label)).toEqual(['Quitting…']);
    tray.show(appStatus({ running: true }));
    expect(shown.menu.map((item) => item.label)).toEqual(['Quitting…']);
    tray.destroy();
    expect(() => tray.show(appStatus())).not.toThrow();
  });

  it('offers a restart once an update is downloaded', () => {
    const handlers = actions();
    const tray = new AppTray('/assets', handlers);
    tray.show(appStatus());
    tray.offerUpdate('0.2.0');
    const shown = electron.trays[0]!;
    const item = (shown.menu as { label?: string; click?: () => void }[]).find((entry) => entry.label === 'Restart to update to 0.2.0');
    item!.click!();
    expect(handlers.installUpdate).toHaveBeenCalledOnce();
  });
});
