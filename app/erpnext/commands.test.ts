// `punchbridge erpnext set` and `test` end to end: a real data folder and the ERPNext simulator.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../cli';
import { SECRETS_FILE_NAME, SETTINGS_FILE_NAME } from '../settings';
import { startErpnextSimulator, type ErpnextSimulator } from '../sim/erpnext';

let dataDir: string;
let simulator: ErpnextSimulator;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-erpnext-cli-'));
  simulator = await startErpnextSimulator({
    port: 0,
    timeZone: 'Asia/Kolkata',
    users: [{ apiKey: 'cli-key', apiSecret: 'cli-secret', user: 'sync@example.com', roles: ['HR Manager', 'System Manager'] }],
  });
});

afterEach(async () => {
  await simulator.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function run(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  await buildProgram().exitOverride().parseAsync(['node', 'punchbridge', '--data-dir', dataDir, ...args]);
  vi.restoreAllMocks();
  return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
}

describe('punchbridge erpnext', () => {
  it('stores the connection with the secret apart from the settings, then tests it', async () => {
    const set = await run('erpnext', 'set', '--url', `${simulator.url}/`, '--api-key', 'cli-key', '--api-secret', 'cli-secret');
    expect(set.exitCode).toBe(0);
    // Headless mode keeps secrets in a file only its owner
    // can read, apart from the settings (docs/ARCHITECTURE.md).
    expect(readFileSync(join(dataDir, SETTINGS_FILE_NAME), 'utf8')).not.toContain('cli-secret');
    if (process.platform !== 'win32') expect(statSync(join(dataDir, SECRETS_FILE_NAME)).mode & 0o077).toBe(0);
    const tested = await run('erpnext', 'test');
    expect(tested.exitCode).toBe(0);
    expect(tested.stdout).toContain('sync@example.com');
    expect(tested.stdout).toContain('hrms (v14+)');
    expect(tested.stdout).toContain('Asia/Kolkata');
  });

  it('reports JSON with --json and names a zone that differs from the server', async () => {
    await run('erpnext', 'set', '--url', simulator.url, '--api-key', 'cli-key', '--api-secret', 'cli-secret', '--timezone', 'Europe/Berlin');
    const tested = await run('erpnext', 'test', '--json');
    const report = JSON.parse(tested.stdout) as { user: string; serverTimeZone: string; problems: { code: string }[] };
    expect(report).toMatchObject({ user: 'sync@example.com', serverTimeZone: 'Asia/Kolkata' });
    expect(report.problems.map((problem) => problem.code)).toContain('erpnext-time-zone-mismatch');
  });

  it('exits 2 with words to act on when the secret is wrong', async () => {
    await run('erpnext', 'set', '--url', simulator.url, '--api-key', 'cli-key', '--api-secret', 'wrong');
    const tested = await run('erpnext', 'test');
    expect(tested.exitCode).toBe(2);
    expect(tested.stderr).toContain('did not accept the API key and secret');
  });

  it('exits 2 when nothing is stored, and refuses an address that is not one', async () => {
    expect((await run('erpnext', 'test')).exitCode).toBe(2);
    const bad = await run('erpnext', 'set', '--url', 'erp.example.com', '--api-key', 'k', '--api-secret', 's');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('https://');
  });
});
