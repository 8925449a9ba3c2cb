// Headless settings: conf, in `config.json` inside the data folder (electron-store's format, so
// the desktop app and `punchbridge serve` read the same file).
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { ApiError } from '../vocabulary';
import { OWNER_ONLY_FILE, tightenToOwnerOnly } from '../owner-only';
import { settingsStoreFrom, type SettingsBacking, type SettingsStore } from './settings-store';

export const SETTINGS_FILE_NAME = 'config.json';

export function openSettings(dataDir: string): SettingsStore {
  const location = join(dataDir, SETTINGS_FILE_NAME);
  const { backing, openProblem } = openSettingsFile(location, () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'config', configFileMode: OWNER_ONLY_FILE }));
  return settingsStoreFrom(backing, { location, openProblem });
}

/**
 * Open a settings file with `open` (conf here, electron-store in main/). Both throw a SyntaxError
 * on a file that is not JSON; rather than losing the person's edits or refusing to start, the file
 * is set aside next to itself and a fresh one is opened, with a problem that says so.
 */
export function openSettingsFile<B extends SettingsBacking>(location: string, open: () => B): { backing: B; openProblem: ApiError | null } {
  // Both are asked to write it owner-only (configFileMode); a file from an older version is tightened here.
  tightenToOwnerOnly([location]);
  try {
    return { backing: open(), openProblem: null };
  } catch (error) {
    if (!(error instanceof SyntaxError) || !existsSync(location)) throw error;
    const keptAs = `${location}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(location, keptAs);
    return {
      backing: open(),
      openProblem: {
        code: 'settings-unreadable',
        message: `The settings file ${location} was not valid JSON, so Punchbridge started with default settings. The old file was kept as ${keptAs}.`,
        action: 'Enter the settings again, or fix the old file and put it back in place while Punchbridge is closed.',
      },
    };
  }
}
