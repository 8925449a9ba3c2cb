import { describe, expect, it } from 'vitest';
import { STATUS_NOTIFIER_WATCHER, trayIconsShown } from './tray-availability';

const watcher = (present: boolean | null) => async (name: string) => (name === STATUS_NOTIFIER_WATCHER ? present : false);

describe('trayIconsShown', () => {
  it('is false on GNOME without a StatusNotifierWatcher (no AppIndicator extension)', async () => {
    expect(await trayIconsShown('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }, watcher(false))).toBe(false);
    expect(await trayIconsShown('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, watcher(null))).toBe(false);
  });

  it('is true where a watcher runs, or an XEmbed tray does', async () => {
    expect(await trayIconsShown('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, watcher(true))).toBe(true);
    expect(await trayIconsShown('linux', { XDG_CURRENT_DESKTOP: 'XFCE' }, watcher(false))).toBe(true);
    expect(await trayIconsShown('win32', {}, watcher(false))).toBe(true);
    expect(await trayIconsShown('darwin', {}, watcher(false))).toBe(true);
  });
});
