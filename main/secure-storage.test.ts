import { describe, expect, it } from 'vitest';
import { safeStorageCipher, weakEncryptionWarning, type SafeStorageLike } from './secure-storage';

function storage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from([...Buffer.from(text)].reverse()),
    decryptString: (data) => Buffer.from([...data].reverse()).toString(),
    getSelectedStorageBackend: () => backend,
  };
}

describe('secure storage', () => {
  it('encrypts and decrypts through safeStorage', () => {
    const cipher = safeStorageCipher(storage('gnome_libsecret'));
    const sealed = cipher.encrypt('api-secret');
    expect(sealed.toString()).not.toBe('api-secret');
    expect(cipher.decrypt(sealed)).toBe('api-secret');
  });

  it('refuses to pretend when the system cannot encrypt at all', () => {
    expect(() => safeStorageCipher(storage('unknown', false)).encrypt('x')).toThrow(/cannot encrypt/);
  });

  it('warns on Linux when only basic_text is available', () => {
    expect(weakEncryptionWarning(storage('basic_text'), 'linux')).toMatch(/without real encryption/);
    expect(weakEncryptionWarning(storage('gnome_libsecret'), 'linux')).toBeNull();
    expect(weakEncryptionWarning(storage('kwallet5'), 'linux')).toBeNull();
    expect(weakEncryptionWarning(storage('unknown'), 'win32')).toBeNull();
  });
});
