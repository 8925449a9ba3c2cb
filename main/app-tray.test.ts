import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appStatus, runSummary } from './test-support';

const electron = vi.hoisted(() => {
  const trays: { image: string; tooltip: string; menu: { label?: string }[]; listeners: Record<string, () => void> }[] = [];
  class Tray {
    image: string;
    tooltip = '';
    menu: { label?: string }[] = [];
    listeners: Record<string, () => void> = {};
    constructor(image: string) {
      this.image = image;
      trays.push(this);
    }
    setImage(image: string) {
      this.image = image;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: { label?: string }[]) {
      this.menu = menu;
    }
    on(event: string, listener: () => void) {
      this.listeners[event] = listener;
    }
    destroy() {}
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
  const actions = () => ({ syncNow: vi.fn(), openWindow: vi.fn(), setPaused: vi.fn(), quit: vi.fn() });

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

  it('uses template images on macOS and coloured ones elsewhere', () => {
    expect(trayIconFile('/a', 'error', 'darwin')).toMatch(/[/\\]tray[/\\]errorTemplate\.png$/);
    expect(trayIconFile('/a', 'error', 'win32')).toMatch(/[/\\]tray[/\\]error\.png$/);
  });
});
