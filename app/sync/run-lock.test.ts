// The run lock is released by the operating system when its process dies, however it dies: a
// recorded process id that a new process happens to reuse after a power cut blocks nothing.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { acquireRunLock } from './run-lock';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const holderScript = fileURLToPath(new URL('./test-fixtures/lock-holder.ts', import.meta.url));

it('keeps a second taker in the same process out until the first releases it', () => {
  const lockFile = join(tempFolder('run-lock'), 'sync.lock');
  const first = acquireRunLock(lockFile);
  expect(first.ok).toBe(true);
  expect(acquireRunLock(lockFile).ok).toBe(false);
  if (first.ok) first.release();
  const second = acquireRunLock(lockFile);
  expect(second.ok).toBe(true);
  if (second.ok) second.release();
});

it('is not blocked by a lock file naming a process id that a live process now has', () => {
  const lockFile = join(tempFolder('run-lock'), 'sync.lock');
  // Left by a run cut off by a power cut; after the restart its id belongs to someone else.
  writeFileSync(lockFile, String(process.ppid));
  const lock = acquireRunLock(lockFile);
  expect(lock.ok).toBe(true);
  if (lock.ok) lock.release();
});

it('keeps other processes out while its holder lives, and is free the moment the holder is killed', { timeout: 60_000 }, async () => {
  const lockFile = join(tempFolder('run-lock'), 'sync.lock');
  const holder = spawn(process.execPath, ['--import', 'tsx', holderScript, lockFile], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => holder.on('exit', () => resolve()));
  try {
    let output = '';
    holder.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 50_000, interval: 20 }).toBe('held\n');
    expect(acquireRunLock(lockFile).ok).toBe(false);
  } finally {
    holder.kill('SIGKILL');
    await exited;
  }
  const lock = acquireRunLock(lockFile);
  expect(lock.ok).toBe(true);
  if (lock.ok) lock.release();
});
