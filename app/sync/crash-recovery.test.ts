// The process killed (SIGKILL) in the middle of pushing, then restarted: nothing is
// lost, and ERPNext still gets every punch exactly once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from '../sim/erpnext';
import { acquireRunLock } from './run-lock';
import { createSyncEngine } from './sync-engine';
import { checkinKeys, startHarness, type Harness } from './test-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('./test-fixtures/sync-child.ts', import.meta.url));

it('a sync killed mid-push and started again sends every punch exactly once', { timeout: 90_000 }, async () => {
  harness = await startHarness({ devices: [{ simulator: { recordCount: 300 } }], erpnext: { faults: { latencyMs: 20 } } });
  const lockFile = join(harness.dataDir, 'sync.lock');
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PB_JOURNAL: join(harness.dataDir, 'journal.sqlite'),
      PB_ERPNEXT_URL: harness.erpnext.url,
      PB_API_KEY: DEFAULT_API_KEY,
      PB_API_SECRET: DEFAULT_API_SECRET,
      PB_LOCK_FILE: lockFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const erpnext = harness.erpnext;
  await expect.poll(() => erpnext.checkins.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(60);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(output).not.toMatch(/finished/);

  const inErpnextAtKill = erpnext.checkins.length;
  const markedAtKill = harness.journal.countByState().synced;
  expect(inErpnextAtKill).toBeLessThan(300);
  expect(markedAtKill).toBeLessThanOrEqual(inErpnextAtKill);
  expect(harness.journal.countByState()).toMatchObject({ pending: 300 - markedAtKill, synced: markedAtKill });

  const restarted = createSyncEngine({
    journal: harness.journal,
    settings: { getErpnext: () => harness!.settings.erpnext, getSyncSettings: () => harness!.settings.sync },
    secrets: { get: (name) => harness!.secrets.get(name) ?? null },
    lockFile,
  });
  const summary = await restarted.runOnce('cli');
  restarted.close();
  expect(summary.errors).toEqual([]);
  expect(summary.counts.new).toBe(0);
  // Accepted by ERPNext but not yet marked when the process died: ERPNext calls them duplicates.
  expect(summary.counts.duplicates).toBe(inErpnextAtKill - markedAtKill);
  expect(harness.journal.countByState()).toMatchObject({ synced: 300, pending: 0, failed: 0 });
  expect(erpnext.checkins).toHaveLength(300);
  expect(new Set(checkinKeys(erpnext)).size).toBe(300);
  // The killed process's lock went with it, and the finished run let go of its own.
  const free = acquireRunLock(lockFile);
  expect(free.ok).toBe(true);
  if (free.ok) free.release();
});
