import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applyStartAtLogin, autostartDesktopEntry, HIDDEN_ARG } from './start-at-login';

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

describe('applyStartAtLogin', () => {
  it('writes and removes ~/.config/autostart/punchbridge.desktop on Linux', () => {
    const config = mkdtempSync(join(tmpdir(), 'punchbridge-xdg-'));
    const app = { setLoginItemSettings: vi.fn() };
    const context = { platform: 'linux' as const, app, executable: '/tmp/Punchbridge.AppImage', env: { XDG_CONFIG_HOME: config } };
    const file = join(config, 'autostart', 'punchbridge.desktop');
    applyStartAtLogin(true, context);
    expect(readFileSync(file, 'utf8')).toContain('Exec=/tmp/Punchbridge.AppImage --hidden');
    applyStartAtLogin(false, context);
    expect(existsSync(file)).toBe(false);
    applyStartAtLogin(false, context);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    rmSync(config, { recursive: true, force: true });
  });

  it('uses the login items of Windows and macOS', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const app = { setLoginItemSettings: vi.fn() };
      applyStartAtLogin(true, { platform, app, executable: 'C:\\Punchbridge.exe' });
      expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: [HIDDEN_ARG] });
    }
  });
});
