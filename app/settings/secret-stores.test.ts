import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { ERPNEXT_API_SECRET, deviceCommKeyName, encryptedSecretStore, openFileSecretStore } from '.';

const dataDir = () => tempFolder('secrets');
const modeOf = (path: string) => statSync(path).mode & 0o777;
const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('openFileSecretStore', () => {
  it('round-trips, deletes, and survives reopening', () => {
    const folder = dataDir();
    const secrets = openFileSecretStore(folder);
    expect(secrets.get(ERPNEXT_API_SECRET)).toBeNull();
    secrets.set(ERPNEXT_API_SECRET, 's3cr3t');
    secrets.set(deviceCommKeyName('main-gate'), '123456');
    secrets.delete(deviceCommKeyName('main-gate'));
    secrets.delete(deviceCommKeyName('never-set'));

    const reopened = openFileSecretStore(folder);
    expect(reopened.get(ERPNEXT_API_SECRET)).toBe('s3cr3t');
    expect(reopened.get(deviceCommKeyName('main-gate'))).toBeNull();
    expect(readdirSync(folder)).toEqual(['secrets.json']);
  });

  posixOnly('keeps the file readable by its owner only, and tightens a looser one', () => {
    const folder = dataDir();
    openFileSecretStore(folder).set(ERPNEXT_API_SECRET, 's3cr3t');
    const file = join(folder, 'secrets.json');
    expect(modeOf(file)).toBe(0o600);
    chmodSync(file, 0o644);
    expect(openFileSecretStore(folder).get(ERPNEXT_API_SECRET)).toBe('s3cr3t');
    expect(modeOf(file)).toBe(0o600);
  });

  it('sets aside a file that is not JSON instead of failing or overwriting it', () => {
    const folder = dataDir();
    writeFileSync(join(folder, 'secrets.json'), '{"erpnext.apiSecret": "half', { mode: 0o600 });
    const secrets = openFileSecretStore(folder);
    expect(secrets.get(ERPNEXT_API_SECRET)).toBeNull();
    secrets.set(ERPNEXT_API_SECRET, 'new');
    expect(secrets.get(ERPNEXT_API_SECRET)).toBe('new');
    const kept = readdirSync(folder).find((name) => name.startsWith('secrets.json.unreadable-'))!;
    expect(readFileSync(join(folder, kept), 'utf8')).toContain('half');
  });
});

describe('encryptedSecretStore', () => {
  // Stands in for safeStorage: reversible, and visibly not the plain text.
  const codec = {
    encrypt: (text: string) => Buffer.from([...Buffer.from(text)].map((byte) => byte ^ 0x5a)),
    decrypt: (buffer: Buffer) => Buffer.from([...buffer].map((byte) => byte ^ 0x5a)).toString(),
  };

  it('stores only encrypted values, in an owner-only file', () => {
    const file = join(dataDir(), 'secrets.bin.json');
    const secrets = encryptedSecretStore(file, codec);
    secrets.set(ERPNEXT_API_SECRET, 's3cr3t');
    expect(encryptedSecretStore(file, codec).get(ERPNEXT_API_SECRET)).toBe('s3cr3t');
    expect(readFileSync(file, 'utf8')).not.toContain('s3cr3t');
    if (process.platform !== 'win32') expect(modeOf(file)).toBe(0o600);
  });

  it('treats a value it can no longer decrypt as missing', () => {
    const file = join(dataDir(), 'secrets.bin.json');
    encryptedSecretStore(file, codec).set(ERPNEXT_API_SECRET, 's3cr3t');
    const lockedOut = encryptedSecretStore(file, {
      encrypt: codec.encrypt,
      decrypt: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    });
    expect(lockedOut.get(ERPNEXT_API_SECRET)).toBeNull();
  });
});
