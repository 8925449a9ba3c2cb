// The sync commands as a person or a script runs them: a real `punchbridge` process per command,
// against the simulators, with a data folder of its own.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Punch, PunchPage, RunSummary } from '../vocabulary';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, seedEmployees, startErpnextSimulator, type ErpnextSimulator } from '../sim/erpnext';
import { startZkSimulator, type ZkSimulator } from '../sim/zk';
import { ERPNEXT_API_SECRET, openFileSecretStore, openSettings } from '../settings';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;
let zk: ZkSimulator;
let erpnext: ErpnextSimulator;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliIn(dataDir, ...args);
}

function cliIn(folder: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // cli.ts stays quiet under vitest; the child is a real run.
    const env = { ...process.env, VITEST: undefined };
    execFile(process.execPath, ['--import', 'tsx', 'app/cli.ts', '--data-dir', folder, ...args], { cwd: projectRoot, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-cli-'));
  zk = await startZkSimulator({ recordCount: 40, userCount: 8, commKey: 4321 });
  // Six employees carry device ids 1-6; the seventh has none yet.
  erpnext = await startErpnextSimulator({ employees: [...seedEmployees(6), { name: 'HR-EMP-00007', employee_name: 'New Starter', attendance_device_id: null }] });
  openSettings(dataDir).setErpnext({ url: erpnext.url, apiKey: DEFAULT_API_KEY, serverTimeZone: 'UTC' });
  openFileSecretStore(dataDir).set(ERPNEXT_API_SECRET, 'a-wrong-secret');
});

afterAll(async () => {
  await Promise.all([zk.close(), erpnext.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('punchbridge device / sync / punches / map / runs', { timeout: 240_000 }, () => {
  it('adds a device, refusing bad input with a plain reason', async () => {
    const bad = await cli('device', 'add', '--name', 'Gate', '--host', zk.host, '--port', String(zk.port), '--log-type', 'sideways');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/logTypeRule/);
    const added = await cli('--json', 'device', 'add', '--name', 'Main gate', '--host', zk.host, '--port', String(zk.port), '--comm-key', '4321', '--timezone', 'UTC', '--timeout', '90');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 'main-gate', hasCommKey: true, timeZone: 'UTC', timeoutSeconds: 90 });
    expect(JSON.stringify(JSON.parse(added.stdout))).not.toContain('4321');
  });

  it('exits 2 when ERPNext refuses the secret, with the punches kept', async () => {
    const refused = await cli('--json', 'sync');
    expect(refused.code).toBe(2);
    const summary = JSON.parse(refused.stdout) as RunSummary;
    expect(summary.counts).toMatchObject({ read: 40, new: 40, synced: 0 });
    expect(summary.errors.map((error) => error.code)).toEqual(['erpnext-bad-credentials']);
    expect(refused.stderr).toMatch(/Main gate: reading-records/);
    expect(erpnext.checkins).toHaveLength(0);
  });

  it('syncs, reporting unmatched users, and exits 0', async () => {
    openFileSecretStore(dataDir).set(ERPNEXT_API_SECRET, DEFAULT_API_SECRET);
    const synced = await cli('--json', 'sync');
    expect(synced.code).toBe(0);
    const summary = JSON.parse(synced.stdout) as RunSummary;
    const unknown = zk.records.filter((record) => Number(record.userId) > 6).length;
    expect(summary.counts).toMatchObject({ read: 40, new: 0, synced: 40 - unknown, unmatched: unknown, failed: 0, rejected: 0 });
    expect(summary.devices).toEqual([expect.objectContaining({ deviceName: 'Main gate', ok: true, read: 40 })]);
    expect(erpnext.checkins).toHaveLength(40 - unknown);
  });

  it('lists punches by state, maps a user, and the next sync sends the held punches', async () => {
    const held = await cli('--json', 'punches', '--state', 'unmatched', '--limit', '1000');
    const page = JSON.parse(held.stdout) as PunchPage;
    expect(page.rows.length).toBe(page.total);
    expect(page.rows.every((punch: Punch) => punch.state === 'unmatched' && /No Employee found/.test(punch.lastError ?? ''))).toBe(true);

    const mapped = await cli('--json', 'map', '--user-id', '7', '--employee', 'HR-EMP-00001', '--device', 'Main gate');
    const ofUser7 = zk.records.filter((record) => record.userId === '7').length;
    expect(JSON.parse(mapped.stdout)).toMatchObject({ ok: true, requeued: ofUser7 });
    const written = await cli('--json', 'map', '--user-id', '8', '--employee', 'HR-EMP-00007', '--write-erpnext');
    expect(JSON.parse(written.stdout)).toMatchObject({ ok: true, wroteErpnext: true, mapping: { employeeName: 'New Starter' } });
    expect(erpnext.employees.find((employee) => employee.name === 'HR-EMP-00007')?.attendance_device_id).toBe('8');
    const ofUser8 = zk.records.filter((record) => record.userId === '8').length;
    const text = await cli('sync');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`Read 40 punches, 0 new\\. Sent: ${ofUser7 + ofUser8} synced`));
    expect(erpnext.checkins).toHaveLength(40);
    expect(erpnext.checkins.filter((checkin) => checkin.employee === 'HR-EMP-00007')).toHaveLength(ofUser8);
    const runs = await cli('--json', 'runs');
    expect((JSON.parse(runs.stdout) as RunSummary[]).map((run) => run.outcome)).toEqual(['ok', 'ok', 'failed']);
  });

  it('exits 1 when a device cannot be read, and changes and removes devices', async () => {
    const tooShort = await cli('device', 'set', 'main-gate', '--timeout', '2');
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toMatch(/timeoutSeconds: .*5 to 600 seconds/);
    const moved = await cli('--json', 'device', 'set', 'main-gate', '--port', '1');
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ port: 1, timeoutSeconds: 90 });
    const failed = await cli('--json', 'sync');
    expect(failed.code).toBe(1);
    expect((JSON.parse(failed.stdout) as RunSummary).devices[0]).toMatchObject({ ok: false });
    const removed = await cli('--json', 'device', 'remove', 'Main gate');
    expect(JSON.parse(removed.stdout)).toMatchObject({ keptPunches: 40 });
  });
});

describe('a journal that cannot be opened', { timeout: 120_000 }, () => {
  it('is reported by every command that reads the data folder, with what to do, and exit 2', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'punchbridge-cli-broken-'));
    try {
      writeFileSync(join(broken, 'journal.sqlite'), 'not a database, only text that someone saved over it');
      const commands = [['device', 'list'], ['punches'], ['runs'], ['sync'], ['import', join(broken, 'journal.sqlite'), '--device', 'Main gate']];
      for (const command of commands) {
        const outcome = await cliIn(broken, ...command);
        expect(outcome.code, command.join(' ')).toBe(2);
        expect(outcome.stderr, command.join(' ')).toMatch(/^Error: The journal .* could not be opened: file is not a database\.\nCheck that the data folder exists/);
      }
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
