import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../app/testing/temp-folders';
import { createLogger, LogBook } from '../app/log';
import { openSettings, settingsStoreFrom } from '../app/settings';

vi.mock('electron-store', () => import('./test-support/electron-store-stand-in'));

const { desktopSettingsBacking } = await import('./desktop-service');

const dataFolder = () => tempFolder('desktop');

describe('desktopSettingsBacking', () => {
  it('keeps settings in the config.json the CLI reads too', () => {
    const dataDir = dataFolder();
    settingsStoreFrom(desktopSettingsBacking(dataDir, createLogger('test', new LogBook()))).setPreferences({ closeToTray: false });
    expect(openSettings(dataDir).getPreferences().closeToTray).toBe(false);
  });

  it('sets an unreadable settings file aside and says so in the log', () => {
    const dataDir = dataFolder();
    writeFileSync(join(dataDir, 'config.json'), '{ not json');
    const book = new LogBook();
    const backing = desktopSettingsBacking(dataDir, createLogger('main', book));
    expect(backing.get('preferences')).toBeUndefined();
    expect(book.read(5)[0]!.message).toMatch(/was not valid JSON/);
  });
});
