// The journal holds who came to work when: like secrets.json, only the account running Punchbridge
// may read it. SQLite gives -wal and -shm the mode of the database file, so the
// file is created owner-only before SQLite opens it; files left by older versions are tightened.
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';

const OWNER_ONLY = 0o600;

/** Create `filePath` owner-only if it does not exist yet. */
export function createOwnerOnly(filePath: string): void {
  if (process.platform === 'win32' || existsSync(filePath)) return;
  closeSync(openSync(filePath, 'a', OWNER_ONLY));
}

/** Take group and other access away from each of these files that exists. */
export function tightenToOwnerOnly(filePaths: string[]): void {
  if (process.platform === 'win32') return; // No mode bits; the profile folder is private.
  for (const filePath of filePaths) {
    if (existsSync(filePath) && (statSync(filePath).mode & 0o077) !== 0) chmodSync(filePath, OWNER_ONLY);
  }
}
