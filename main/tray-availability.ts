// Whether this desktop shows tray icons at all. Electron's Linux tray is a StatusNotifierItem when
// a StatusNotifierWatcher owns its D-Bus name (KDE, Ubuntu's AppIndicator extension...), else an
// XEmbed icon, which GNOME Shell stopped drawing in 3.26. Plain GNOME then shows no icon and gives
// no error: a window hidden to the tray would be lost.
import { execFile } from 'node:child_process';

export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** null when the session bus could not be asked (no gdbus, no bus). */
export type NameOwnerQuery = (busName: string) => Promise<boolean | null>;

export async function trayIconsShown(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, hasOwner: NameOwnerQuery = sessionBusNameHasOwner): Promise<boolean> {
  if (platform !== 'linux') return true;
  if (await hasOwner(STATUS_NOTIFIER_WATCHER)) return true;
  // Without a watcher, XEmbed trays (XFCE, MATE, Cinnamon, i3bar...) still draw the icon.
  const desktops = (env.XDG_CURRENT_DESKTOP ?? '').toUpperCase().split(':');
  return !desktops.includes('GNOME');
}

/** Asks the session bus through gdbus, which every GLib desktop has. */
export function sessionBusNameHasOwner(busName: string): Promise<boolean | null> {
  const args = ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', busName];
  return new Promise((resolve) => {
    execFile('gdbus', args, { timeout: 3000 }, (error, stdout) => resolve(error ? null : /\(true,?\)/.test(stdout)));
  });
}
