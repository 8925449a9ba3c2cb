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
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
  getLoginItemSettings(): { wasOpenedAtLogin?: boolean };
}

export interface StartAtLoginContext {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /**
   * What starts this app: the AppImage (its path moves with the file) or the executable, followed,
   * when unpackaged, by the app folder the Electron binary must be given.
   */
  command: string[];
  env?: NodeJS.ProcessEnv;
}

/** The command that starts this app again: a packaged app is its executable, a development build is Electron plus the app folder. */
export function launchCommand(app: { isPackaged: boolean; getAppPath(): string }, executable: string): string[] {
  return app.isPackaged ? [executable] : [executable, app.getAppPath()];
}

export function applyStartAtLogin(enabled: boolean, context: StartAtLoginContext): void {
  const [executable, ...appArgs] = context.command;
  if (context.platform === 'win32') {
    context.app.setLoginItemSettings({ openAtLogin: enabled, path: executable, args: [...appArgs, HIDDEN_ARG] });
    return;
  }
  // macOS login items take no arguments (`args` is Windows-only): wasOpenedAtLogin tells instead.
  if (context.platform === 'darwin') {
    context.app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  const folder = autostartDir(context.env);
  const file = join(folder, AUTOSTART_FILE_NAME);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, autostartDesktopEntry([...context.command, HIDDEN_ARG]));
}

/** Started by the login item (or autostart entry): stay in the tray. */
export function openedAtLogin(app: LoginItemApp, platform: NodeJS.Platform, argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
