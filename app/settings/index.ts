// Settings and secrets. app/ uses the two interfaces; headless mode opens them with openSettings
// and openFileSecretStore, the desktop app wraps electron-store and safeStorage with the adapters.
export {
  settingsStoreFrom,
  ErpnextConnectionSchema,
  StoredScheduleSchema,
  type ErpnextConnection,
  type ErpnextConnectionInput,
  type SettingsBacking,
  type SettingsSource,
  type SettingsStore,
  type StoredSchedule,
} from './settings-store';
export { openSettings, openSettingsFile, SETTINGS_FILE_NAME } from './open-settings';
export { ERPNEXT_API_SECRET, admsPushCommKeyName, deviceCommKeyName, type SecretName, type SecretStore } from './secret-store';
export { encryptedSecretStore, openFileSecretStore, SECRETS_FILE_NAME, type SecretCodec } from './file-secret-stores';
export { privateJsonFile } from './private-file';
export { OWNER_ONLY_FILE } from '../owner-only';
