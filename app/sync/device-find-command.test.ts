// `punchbridge device find` as a person runs it, against a terminal that moved within 127.0.0.0/24.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceInputSchema } from '../vocabulary';
import { openJournal } from '../journal';
import { startZkSimulator, type ZkSimulator } from '../sim/zk';
import { JOURNAL_FILE_NAME } from './data-folder';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const SERIAL = 'CKJP221260123';
let dataDir: string;
let moved: ZkSimulator;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, VITEST: undefined };
    execFile(process.execPath, ['--import', 'tsx', 'app/cli.ts', '--data-dir', dataDir, ...args], { cwd: projectRoot, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const savedHost = () => {
  const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
  try {
    return journal.getDevice('main-gate')!.host;
  } finally {
    journal.close();
  }
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-find-'));
  moved = await startZkSimulator({ host: '127.0.0.23', serialNumber: SERIAL, userCount: 1, recordCount: 0 });
  // Saved where it used to answer, with the serial an earlier read learnt.
  const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
  const device = journal.addDevice(DeviceInputSchema.parse({ name: 'Main gate', host: '127.0.0.9', port: moved.port }));
  journal.recordDeviceRead(device.id, { serialNumber: SERIAL, readAt: '2026-03-01T08:00:00.000Z', clockSkewSeconds: 0, recordCount: 0, recordCapacity: null });
  journal.close();
});

afterAll(async () => {
  await moved.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('punchbridge device find', { timeout: 120_000 }, () => {
  it('finds the moved terminal by serial and offers the new address', async () => {
    const found = await cli('device', 'find', SERIAL);
    expect(found.code).toBe(0);
    expect(found.stdout).toContain(`${SERIAL} answers at 127.0.0.23:${moved.port}; Main gate is saved at 127.0.0.9. Run again with --update`);
    expect(savedHost()).toBe('127.0.0.9');
  });

  it('takes the new address with --update', async () => {
    const updated = await cli('--json', 'device', 'find', SERIAL, '--update');
    expect(JSON.parse(updated.stdout)).toMatchObject({ found: { host: '127.0.0.23', port: moved.port }, deviceId: 'main-gate', updated: true });
    expect(savedHost()).toBe('127.0.0.23');
  });

  it('refuses a scan wider than a /22', async () => {
    const refused = await cli('device', 'find', SERIAL, '--subnet', '10.0.0.0/16');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('at most 1024');
  });
});
