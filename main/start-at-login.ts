// Start at login: Electron's login items on Windows and macOS; on Linux an XDG autostart entry,
// which every freedesktop session (GNOME, KDE, XFCE...) reads from ~/.config/autostart.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { xdgConfigHome } from '../app/paths';

/** Passed at login so the app starts in the tray instead of opening its window. */
export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE_NAME = 'punchbridge.desktop';

// Desktop Entry Specification, "The Exec key": arguments with reserved characters are quoted, and
// inside quotes ", `, $ and \ are escaped with a backslash.
function quoteExecArgument(argument: string): string {
  if (!/[\s"'\\`$<>|&;*?#()~]/.test(argument)) return argument;
  return `"${argument.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartDesktopEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Punchbridge',
    'Comment=Sends attendance punches from the time clocks to ERPNext',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Icon=punchbridge',
    'Terminal=false',
    'Categories=Office;',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdgConfigHome(env), 'autostart');
}

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface StartAtLoginContext {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** What starts this app: the AppImage (its path moves with the file) or the executable. */
  executable: string;
  env?: NodeJS.ProcessEnv;
}

export function applyStartAtLogin(enabled: boolean, context: StartAtLoginContext): void {
  if (context.platform !== 'linux') {
    context.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    return;
  }
  const folder = autostartDir(context.env);
  const file = join(folder, AUTOSTART_FILE_NAME);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, autostartDesktopEntry([context.executable, HIDDEN_ARG]));
}
