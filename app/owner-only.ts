// What Punchbridge keeps holds who came to work when, employee names, device addresses and the keys
// to ERPNext: on a PC several people log in to, only the account running it may read any of it.
// Files are created owner-only before anything (SQLite among them) writes them, since SQLite gives
// -wal and -shm the mode of the database file; files left by older versions are tightened.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

export const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_FOLDER = 0o700;

/** Create `filePath` owner-only if it does not exist yet. */
export function createOwnerOnly(filePath: string): void {
  if (process.platform === 'win32' || existsSync(filePath)) return;
  closeSync(openSync(filePath, 'a', OWNER_ONLY_FILE));
}

/** Take group and other access away from each of these files that exists. */
export function tightenToOwnerOnly(filePaths: string[]): void {
  if (process.platform === 'win32') return; // No mode bits; the profile folder is private.
  for (const filePath of filePaths) {
    if (existsSync(filePath) && (statSync(filePath).mode & 0o077) !== 0) chmodSync(filePath, OWNER_ONLY_FILE);
  }
}

/**
 * Create a folder (and any missing parents) that only its owner may list or enter. A folder that
 * exists already keeps its mode: it may be one an administrator chose and shares on purpose.
 */
export function createOwnerOnlyFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
}
