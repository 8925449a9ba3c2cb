// The two SecretStore implementations: a plain owner-only file (headless), and the same file with
// every value encrypted by the desktop app's safeStorage.
import { join } from 'node:path';
import { privateJsonFile, type PrivateJsonFile } from './private-file';
import type { SecretStore } from './secret-store';

export const SECRETS_FILE_NAME = 'secrets.json';

/** Headless mode: `secrets.json` in the data folder, readable only by its owner (docs/ARCHITECTURE.md, "Secrets"). */
export function openFileSecretStore(dataDir: string): SecretStore {
  return secretStoreOver(privateJsonFile(join(dataDir, SECRETS_FILE_NAME)), {
    encode: (value) => value,
    decode: (stored) => stored,
  });
}

/** What Electron's safeStorage offers (encryptString / decryptString). */
export interface SecretCodec {
  encrypt(text: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/** The desktop app: each value encrypted with `codec`, stored as base64 in an owner-only file. */
export function encryptedSecretStore(filePath: string, codec: SecretCodec): SecretStore {
  return secretStoreOver(privateJsonFile(filePath), {
    encode: (value) => codec.encrypt(value).toString('base64'),
    decode(stored) {
      try {
        return codec.decrypt(Buffer.from(stored, 'base64'));
      } catch {
        // The OS keychain changed (new user profile, restored backup): the secret must be entered again.
        return null;
      }
    },
  });
}

interface ValueCoding {
  encode(value: string): string;
  decode(stored: string): string | null;
}

function secretStoreOver(file: PrivateJsonFile, coding: ValueCoding): SecretStore {
  return {
    get(name) {
      const stored = file.read()[name];
      return stored === undefined ? null : coding.decode(stored);
    },
    set(name, value) {
      file.write({ ...file.read(), [name]: coding.encode(value) });
    },
    delete(name) {
      const { [name]: removed, ...rest } = file.read();
      if (removed !== undefined) file.write(rest);
    },
  };
}
