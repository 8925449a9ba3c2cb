// Secrets (the ERPNext API secret, comm keys) are encrypted with the operating system's keystore
// through safeStorage: DPAPI on Windows, the Keychain on macOS, libsecret or KWallet on Linux.
// Where there is no keystore, they go to an owner-only file, as in headless mode, and the person
// setting up is told so in plain words.
import type { SecretCodec } from '../app/settings';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export type SecretStorageChoice =
  | { kind: 'keystore'; cipher: SecretCodec }
  /** No keystore: secrets.json readable only by this user, like `punchbridge serve`. */
  | { kind: 'owner-only-file'; notice: string };

export const OWNER_ONLY_FILE_NOTICE =
  'No keyring (GNOME Keyring or KWallet) is running, so the ERPNext API secret and comm keys are kept unencrypted ' +
  'in a file only your user account can read. To have them encrypted, install and unlock GNOME Keyring or KWallet, ' +
  'restart Punchbridge and enter the secret again.';

/**
 * Call after the app is ready (safeStorage answers only then). On Linux without a keyring Chromium
 * selects 'basic_text', a fixed and publicly known key, and safeStorage refuses to encrypt until
 * setUsePlainTextEncryption(true): such "encryption" would protect nothing that the file's own
 * permissions do not, so the owner-only file is used and said to be what it is.
 */
export function chooseSecretStorage(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretStorageChoice {
  const plainTextBackend = platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (plainTextBackend || !safeStorage.isEncryptionAvailable()) return { kind: 'owner-only-file', notice: OWNER_ONLY_FILE_NOTICE };
  return {
    kind: 'keystore',
    cipher: {
      encrypt: (plainText) => safeStorage.encryptString(plainText),
      decrypt: (encrypted) => safeStorage.decryptString(encrypted),
    },
  };
}
