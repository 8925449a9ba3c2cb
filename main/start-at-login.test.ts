import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applyStartAtLogin, autostartDesktopEntry, HIDDEN_ARG, launchCommand, openedAtLogin } from './start-at-login';

describe('autostartDesktopEntry', () => {
  it('is a valid XDG autostart entry that starts Punchbridge in the tray', () => {
    const entry = autostartDesktopEntry(['/opt/Punchbridge/punchbridge', HIDDEN_ARG]);
    expect(entry.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Punchbridge',
      'Comment=Sends attendance punches from the time clocks to ERPNext',
      'Exec=/opt/Punchbridge/punchbridge --hidden',
      'Icon=punchbridge',
      'Terminal=false',
      'Categories=Office;',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });

  it('quotes an executable path with spaces and escapes the characters the spec reserves', () => {
    expect(autostartDesktopEntry(['/home/hr/My Apps/Punchbridge$1.AppImage', '--hidden'])).toContain(
      'Exec="/home/hr/My Apps/Punchbridge\\$1.AppImage" --hidden',
    );
  });
});

function loginItems(wasOpenedAtLogin = false) {
  return { setLoginItemSettings: vi.fn(), getLoginItemSettings: () => ({ wasOpenedAtLogin }) };
}

describe('applyStartAtLogin', () => {
  it('writes and removes ~/.config/autostart/punchbridge.desktop on Linux', () => {
    const config = mkdtempSync(join(tmpdir(), 'punchbridge-xdg-'));
    const app = loginItems();
    const context = { platform: 'linux' as const, app, command: ['/tmp/Punchbridge.AppImage'], env: { XDG_CONFIG_HOME: config } };
    const file = join(config, 'autostart', 'punchbridge.desktop');
    applyStartAtLogin(true, context);
    expect(readFileSync(file, 'utf8')).toContain('Exec=/tmp/Punchbridge.AppImage --hidden');
    applyStartAtLogin(false, context);
    expect(existsSync(file)).toBe(false);
    applyStartAtLogin(false, context);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    rmSync(config, { recursive: true, force: true });
  });

  it("gives an unpackaged build's autostart entry the app folder, or Electron would open its default app", () => {
    const config = mkdtempSync(join(tmpdir(), 'punchbridge-xdg-'));
    const command = launchCommand({ isPackaged: false, getAppPath: () => '/home/dev/punchbridge' }, '/home/dev/punchbridge/node_modules/electron/dist/electron');
    applyStartAtLogin(true, { platform: 'linux', app: loginItems(), command, env: { XDG_CONFIG_HOME: config } });
    expect(readFileSync(join(config, 'autostart', 'punchbridge.desktop'), 'utf8')).toContain(
      'Exec=/home/dev/punchbridge/node_modules/electron/dist/electron /home/dev/punchbridge --hidden',
    );
    expect(launchCommand({ isPackaged: true, getAppPath: () => '/opt/Punchbridge/resources/app.asar' }, '/opt/Punchbridge/punchbridge')).toEqual([
      '/opt/Punchbridge/punchbridge',
    ]);
    rmSync(config, { recursive: true, force: true });
  });

  it('passes --hidden through the Windows login item', () => {
    const app = loginItems();
    applyStartAtLogin(true, { platform: 'win32', app, command: ['C:\\Punchbridge\\Punchbridge.exe'] });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, path: 'C:\\Punchbridge\\Punchbridge.exe', args: [HIDDEN_ARG] });
  });

  it('gives macOS no args, which it ignores, and learns from wasOpenedAtLogin that it started at login', () => {
    const app = loginItems(true);
    applyStartAtLogin(true, { platform: 'darwin', app, command: ['/Applications/Punchbridge.app/Contents/MacOS/Punchbridge'] });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(openedAtLogin(app, 'darwin', ['/Applications/Punchbridge.app/Contents/MacOS/Punchbridge'])).toBe(true);
    expect(openedAtLogin(loginItems(false), 'darwin', [])).toBe(false);
    expect(openedAtLogin(loginItems(false), 'win32', ['Punchbridge.exe', HIDDEN_ARG])).toBe(true);
  });
});
