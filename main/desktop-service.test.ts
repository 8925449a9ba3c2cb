import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERPNEXT_API_SECRET, openFileSecretStore, openSettings } from '../app/settings';

// electron-store is conf plus Electron's paths; conf writes the same file without Electron.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class {
      constructor(options: { cwd: string; name: string }) {
        return new Conf({ cwd: options.cwd, configName: options.name });
      }
    },
  };
});
vi.mock('electron', () => ({}));

const { desktopStores, DESKTOP_SECRETS_FILE_NAME } = await import('./desktop-service');

const reversing = {
  encrypt: (text: string) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
  decrypt: (data: Buffer) => [...data.toString().replace(/^sealed:/, '')].reverse().join(''),
};

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('desktopStores', () => {
  it('keeps settings in the config.json the CLI reads too', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-desktop-'));
    folders.push(dataDir);
    desktopStores(dataDir, reversing).settings.setPreferences({ closeToTray: false });
    expect(openSettings(dataDir).getPreferences().closeToTray).toBe(false);
  });

  it('stores secrets encrypted, apart from headless mode\'s plain secrets file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-desktop-'));
    folders.push(dataDir);
    const { secrets } = desktopStores(dataDir, reversing);
    secrets.set(ERPNEXT_API_SECRET, 'abc123secret');
    expect(secrets.get(ERPNEXT_API_SECRET)).toBe('abc123secret');
    expect(readFileSync(join(dataDir, DESKTOP_SECRETS_FILE_NAME), 'utf8')).not.toContain('abc123secret');
    expect(openFileSecretStore(dataDir).get(ERPNEXT_API_SECRET)).toBeNull();
  });
});
