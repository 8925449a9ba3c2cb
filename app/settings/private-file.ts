// A small JSON object of strings in a file only its owner may read or write (mode 0600), replaced
// atomically so that a crash mid-write leaves the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createOwnerOnlyFolder, OWNER_ONLY_FILE, tightenToOwnerOnly } from '../owner-only';

export interface PrivateJsonFile {
  /** The stored strings; {} when the file is missing or unreadable. */
  read(): Record<string, string>;
  write(values: Record<string, string>): void;
}

export function privateJsonFile(filePath: string): PrivateJsonFile {
  createOwnerOnlyFolder(dirname(filePath));
  if (existsSync(filePath)) {
    tightenToOwnerOnly([filePath]);
    if (parse(readFileSync(filePath, 'utf8')) === null) setAside(filePath);
  }
  return {
    read() {
      if (!existsSync(filePath)) return {};
      return parse(readFileSync(filePath, 'utf8')) ?? {};
    },
    write(values) {
      const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
      const descriptor = openSync(temporary, 'wx', OWNER_ONLY_FILE);
      try {
        try {
          writeSync(descriptor, `${JSON.stringify(values, null, 2)}\n`);
          fsyncSync(descriptor);
        } finally {
          closeSync(descriptor);
        }
        renameSync(temporary, filePath);
      } catch (error) {
        // A full disk or a read-only secrets file: the old file stands, and no copy of the secrets is left beside it.
        rmSync(temporary, { force: true });
        throw error;
      }
    },
  };
}

/**
 * Only string values count. A parse error is not rethrown: JSON.parse quotes the text it choked
 * on, and that text is a secret.
 */
function parse(text: string): Record<string, string> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Keep an unreadable file for the person to inspect, instead of overwriting it on the next save. */
function setAside(filePath: string): void {
  renameSync(filePath, `${filePath}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`);
}
