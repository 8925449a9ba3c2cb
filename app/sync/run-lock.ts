// One run at a time across processes: the desktop app and a `punchbridge sync` started by hand (or
// by cron) share one journal. The lock is a file holding the owner's process id; a lock left by a
// process that has died (killed mid-run) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export type LockAttempt = { ok: true; release(): void } | { ok: false; heldBy: number };

export function acquireRunLock(filePath: string): LockAttempt {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(filePath, 'wx', 0o600);
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return { ok: true, release: () => unlinkSync(filePath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(filePath);
      if (owner !== null && owner !== process.pid && isAlive(owner)) return { ok: false, heldBy: owner };
      removeStaleLock(filePath);
    }
  }
  return { ok: false, heldBy: readOwner(filePath) ?? 0 };
}

function readOwner(filePath: string): number | null {
  try {
    const pid = Number(readFileSync(filePath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStaleLock(filePath: string): void {
  try {
    unlinkSync(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
