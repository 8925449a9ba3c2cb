// Secrets (the ERPNext API secret, comm keys) are encrypted with the operating system's keystore
// through safeStorage: DPAPI on Windows, the Keychain on macOS, libsecret or KWallet on Linux.
import type { SecretCodec } from '../app/settings';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** The codec app/settings' encryptedSecretStore seals each secret with. */
export function safeStorageCipher(safeStorage: SafeStorageLike): SecretCodec {
  return {
    encrypt(plainText) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('safeStorage cannot encrypt on this system');
      return safeStorage.encryptString(plainText);
    },
    decrypt: (encrypted) => safeStorage.decryptString(encrypted),
  };
}

/**
 * On Linux without a keyring (no GNOME Keyring or KWallet running), Chromium falls back to
 * 'basic_text': a fixed, publicly known key. The secrets are then only as safe as the file's
 * permissions, and the person setting up should know.
 */
export function weakEncryptionWarning(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null;
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend !== 'basic_text' && safeStorage.isEncryptionAvailable()) return null;
  return (
    'No keyring is available, so the ERPNext API secret and comm keys are stored without real encryption ' +
    '(protected only by file permissions). Install and unlock GNOME Keyring or KWallet, then enter the secret again.'
  );
}
