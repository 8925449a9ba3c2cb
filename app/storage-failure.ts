// A full disk, a read-only file or a failing disk under the data folder: a
// message that says which and what to do, instead of SQLite's or Node's words and a stack trace.
import type { ApiError } from './vocabulary';

// SQLite primary result codes (errcode & 0xff): https://sqlite.org/rescode.html
const SQLITE_PERM = 3;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;

const FULL_ERRNOS = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const READ_ONLY_ERRNOS = new Set(['EROFS', 'EACCES', 'EPERM']);

type FailureKind = 'full' | 'read-only' | 'disk-error';

function kindOf(error: unknown): FailureKind | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') {
    const primary = errcode & 0xff;
    if (primary === SQLITE_FULL) return 'full';
    if (primary === SQLITE_READONLY || primary === SQLITE_PERM || primary === SQLITE_CANTOPEN) return 'read-only';
    if (primary === SQLITE_IOERR) return 'disk-error';
    return null;
  }
  if (typeof code !== 'string') return null;
  if (FULL_ERRNOS.has(code)) return 'full';
  if (READ_ONLY_ERRNOS.has(code)) return 'read-only';
  if (code === 'EIO') return 'disk-error';
  return null;
}

/** The ApiError for a failure to write under `dataDir`; null when `error` is no such failure (a bug). */
export function storageFailure(error: unknown, dataDir: string): ApiError | null {
  switch (kindOf(error)) {
    case 'full':
      return {
        code: 'storage-full',
        message: `The disk that holds ${dataDir} is full, so Punchbridge could not save. What was saved before is kept.`,
        action: 'Free space on that disk, then try again.',
      };
    case 'read-only':
      return {
        code: 'storage-read-only',
        message: `Punchbridge cannot write in ${dataDir}: the folder or a file in it (the journal, config.json or secrets.json) is read-only.`,
        action: 'Give the account that runs Punchbridge write access to that folder and its files (or choose another with --data-dir), then try again.',
      };
    case 'disk-error':
      return {
        code: 'storage-error',
        message: `Punchbridge cannot write in ${dataDir}: the disk reported an error (it may be full or failing).`,
        action: 'Check that disk for free space and errors and that Punchbridge has write access to the folder, then try again.',
      };
    default:
      return null;
  }
}
