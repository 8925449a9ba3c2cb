// One run at a time across processes: the desktop app and a `punchbridge sync` started by hand (or
// by cron) share one journal. The lock is SQLite's exclusive lock on a small file beside the
// journal, held by an open transaction: it is a byte-range lock (fcntl on Linux and macOS,
// LockFileEx on Windows) that the operating system drops when the holding process dies, however it
// dies. A recorded process id would not do: after a power cut a new process may own that id.
// The file itself is never deleted: a process that opened it just before the delete would lock
// the removed file while a third locks a new one.
import { truncateSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { createOwnerOnly } from '../owner-only';

export type LockAttempt = { ok: true; release(): void } | { ok: false };

// SQLITE_BUSY, SQLITE_LOCKED: someone else holds the lock.
const HELD_ELSEWHERE = new Set([5, 6]);
const SQLITE_NOTADB = 26;

// The lock lasts as long as its handle: held here too, so that no garbage collection can close it.
const heldHandles = new Set<DatabaseSync>();

export function acquireRunLock(filePath: string): LockAttempt {
  try {
    return lockFile(filePath);
  } catch (error) {
    if ((error as { errcode?: number }).errcode !== SQLITE_NOTADB) throw error;
    // A process id written by an earlier Punchbridge. Emptying the file cannot disturb a holder:
    // the lock is on bytes past the end of the file and the holder never writes to it.
    truncateSync(filePath, 0);
    return lockFile(filePath);
  }
}

function lockFile(filePath: string): LockAttempt {
  createOwnerOnly(filePath);
  // timeout 0: answer at once rather than wait for the holder's run to end.
  const database = new DatabaseSync(filePath, { timeout: 0 });
  try {
    database.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    database.close();
    if (HELD_ELSEWHERE.has((error as { errcode?: number }).errcode ?? -1)) return { ok: false };
    throw error;
  }
  heldHandles.add(database);
  return {
    ok: true,
    release: () => {
      heldHandles.delete(database);
      database.exec('ROLLBACK');
      database.close();
    },
  };
}

const LOCK_POLL_MS = 250;

/** The run lock once the run holding it ends, or `{ ok: false }` when it is still held after `waitMs`. */
export async function waitForRunLock(filePath: string, waitMs: number): Promise<LockAttempt> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const attempt = acquireRunLock(filePath);
    if (attempt.ok || Date.now() >= deadline) return attempt;
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}
