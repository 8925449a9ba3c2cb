import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, LogBook } from '../app/log';
import { tempFolder } from '../app/testing/temp-folders';
import { chooseSecretStorage, type SafeStorageLike } from './secure-storage';

vi.mock('electron-store', () => import('./test-support/electron-store-stand-in'));
const { createDesktopService } = await import('./desktop-service');

/**
 * safeStorage as Electron 45 behaves: with a keyring it encrypts; on Linux with 'basic_text' it
 * reports no encryption and encryptString throws until setUsePlainTextEncryption(true).
 */
function safeStorage(backend: string): SafeStorageLike {
  const available = backend !== 'basic_text';
  return {
    isEncryptionAvailable: () => available,
    encryptString(text) {
      if (!available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
      return Buffer.from([...Buffer.from(text)].reverse());
    },
    decryptString: (data) => Buffer.from([...data].reverse()).toString(),
    getSelectedStorageBackend: () => backend,
  };
}

const erpnext = { url: 'https://erp.example.com', apiKey: 'key', apiSecret: 'the-secret' };

describe('secret storage on the desktop', () => {
  it('encrypts through the keystore where there is one', () => {
    const choice = chooseSecretStorage(safeStorage('gnome_libsecret'), 'linux');
    if (choice.kind !== 'keystore') throw new Error(`expected the keystore, got ${choice.kind}`);
    const sealed = choice.cipher.encrypt('api-secret');
    expect(sealed.toString()).not.toBe('api-secret');
    expect(choice.cipher.decrypt(sealed)).toBe('api-secret');
    expect(chooseSecretStorage(safeStorage('unknown'), 'win32').kind).toBe('keystore');
  });

  it('without a keyring on Linux saves the secret in an owner-only file and says so', async () => {
    const choice = chooseSecretStorage(safeStorage('basic_text'), 'linux');
    expect(choice).toMatchObject({ kind: 'owner-only-file', notice: expect.stringMatching(/unencrypted in a file only your user account can read/) });
    const dataDir = tempFolder('desktop-secrets');
    const service = await createDesktopService(dataDir, choice, createLogger('test', new LogBook()));
    try {
      const saved = await service.saveErpnextSettings(erpnext);
      expect(saved).toMatchObject({ ok: true, value: { hasApiSecret: true } });
      if (process.platform !== 'win32') expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    } finally {
      await service.close();
    }
  });
});
