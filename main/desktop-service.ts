// The service behind the desktop app: app/api's createPunchbridgeService in 'desktop' mode, with
// settings in electron-store and secrets sealed by safeStorage where the system has a keystore.
import { join } from 'node:path';
import Store from 'electron-store';
import { createPunchbridgeService, type PunchbridgeService } from '../app/api';
import type { Logger } from '../app/log';
import { openSettingsFile, OWNER_ONLY_FILE, SETTINGS_FILE_NAME, type SettingsBacking } from '../app/settings';
import type { SecretStorageChoice } from './secure-storage';

/** electron-store over the config.json that conf writes in headless mode, so both see the same settings. */
export function desktopSettingsBacking(dataDir: string, log: Logger): SettingsBacking {
  const { backing, openProblem } = openSettingsFile(
    join(dataDir, SETTINGS_FILE_NAME),
    () => new Store<Record<string, unknown>>({ cwd: dataDir, name: 'config', configFileMode: OWNER_ONLY_FILE }),
  );
  if (openProblem) log.warn(`${openProblem.message} ${openProblem.action}`);
  return backing;
}

/** Without a keystore (secrets.kind 'owner-only-file') the service keeps secrets as headless mode does. */
export function createDesktopService(dataDir: string, secrets: SecretStorageChoice, log: Logger): Promise<PunchbridgeService> {
  const secretCipher = secrets.kind === 'keystore' ? secrets.cipher : undefined;
  return createPunchbridgeService({ dataDir, mode: 'desktop', secretCipher, settingsBacking: desktopSettingsBacking(dataDir, log) });
}
