// The service behind the desktop app: app/api's createPunchbridgeService in 'desktop' mode, with
// settings in electron-store and secrets sealed by safeStorage.
import { join } from 'node:path';
import Store from 'electron-store';
import * as apiModule from '../app/api';
import type { PunchbridgeApi, PunchbridgeEvents } from '../app/api/contract';
import type { Logger } from '../app/log';
import { openSettingsFile, SETTINGS_FILE_NAME, type SecretCodec, type SettingsBacking } from '../app/settings';

export type DesktopService = PunchbridgeApi &
  PunchbridgeEvents & {
    close(): Promise<void>;
    /** Called when the computer wakes or is unlocked: the service syncs if a run is due. */
    onWake?(): void;
  };

interface DesktopServiceOptions {
  dataDir: string;
  mode: 'desktop';
  secretCipher: SecretCodec;
  settingsBacking: SettingsBacking;
}

// createPunchbridgeService is app/api's service, built on the sync engine; it is read through the
// namespace so the shell builds before that export exists.
const { createPunchbridgeService } = apiModule as typeof apiModule & {
  createPunchbridgeService: (options: DesktopServiceOptions) => Promise<DesktopService>;
};

/** electron-store over the config.json that conf writes in headless mode, so both see the same settings. */
export function desktopSettingsBacking(dataDir: string, log: Logger): SettingsBacking {
  const { backing, openProblem } = openSettingsFile(
    join(dataDir, SETTINGS_FILE_NAME),
    () => new Store<Record<string, unknown>>({ cwd: dataDir, name: 'config' }),
  );
  if (openProblem) log.warn(`${openProblem.message} ${openProblem.action}`);
  return backing;
}

export function createDesktopService(dataDir: string, secretCipher: SecretCodec, log: Logger): Promise<DesktopService> {
  return createPunchbridgeService({ dataDir, mode: 'desktop', secretCipher, settingsBacking: desktopSettingsBacking(dataDir, log) });
}
