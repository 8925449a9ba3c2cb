// The service behind the desktop app: app/api's createPunchbridgeService in 'desktop' mode, with
// settings in electron-store and secrets encrypted by safeStorage.
import { join } from 'node:path';
import Store from 'electron-store';
import * as apiModule from '../app/api';
import type { PunchbridgeApi, PunchbridgeEvents } from '../app/api/contract';
import {
  encryptedSecretStore,
  openSettingsFile,
  SETTINGS_FILE_NAME,
  settingsStoreFrom,
  type SecretCodec,
  type SecretStore,
  type SettingsStore,
} from '../app/settings';

export type DesktopService = PunchbridgeApi &
  PunchbridgeEvents & {
    close(): Promise<void>;
    /** Called when the computer wakes or is unlocked: the service syncs if a run is due. */
    onWake?(): void;
  };

export interface DesktopServiceOptions {
  dataDir: string;
  mode: 'desktop';
  settings: SettingsStore;
  secrets: SecretStore;
}

/**
 * Not headless mode's secrets.json: that one holds plain values, so `punchbridge serve` on the same
 * data folder would read these encrypted ones as secrets. Apart, it finds none and says so.
 */
export const DESKTOP_SECRETS_FILE_NAME = 'secrets.desktop.json';

// createPunchbridgeService is app/api's service, built on the sync engine; it is read through the
// namespace so the shell builds before that export exists.
const { createPunchbridgeService } = apiModule as typeof apiModule & {
  createPunchbridgeService: (options: DesktopServiceOptions) => Promise<DesktopService>;
};

export function desktopStores(dataDir: string, codec: SecretCodec): { settings: SettingsStore; secrets: SecretStore } {
  const location = join(dataDir, SETTINGS_FILE_NAME);
  // electron-store and conf write the same config.json, so the CLI sees the desktop app's settings.
  const { backing, openProblem } = openSettingsFile(location, () => new Store<Record<string, unknown>>({ cwd: dataDir, name: 'config' }));
  return {
    settings: settingsStoreFrom(backing, { location, openProblem }),
    secrets: encryptedSecretStore(join(dataDir, DESKTOP_SECRETS_FILE_NAME), codec),
  };
}

export function createDesktopService(dataDir: string, codec: SecretCodec): Promise<DesktopService> {
  return createPunchbridgeService({ dataDir, mode: 'desktop', ...desktopStores(dataDir, codec) });
}
