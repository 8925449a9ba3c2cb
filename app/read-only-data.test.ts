// A read-only journal or secrets file through the CLI door: a message that says
// what to do instead of a stack trace, no `serve` that claims to run while every write fails, and
// no secrets.json.*.tmp left behind. The files are made immutable (chattr +i), which holds even
// for root, where a chmod would not; where chattr is not available the tests are skipped.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from './cli';
import { SECRETS_FILE_NAME } from './settings';
import { JOURNAL_FILE_NAME } from './sync';
import { tempFolder } from './testing/temp-folders';

const immutable: string[] = [];

function makeImmutable(path: string): void {
  execFileSync('chattr', ['+i', path]);
  immutable.push(path);
}

function chattrWorks(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const probe = join(tempFolder('chattr-probe'), 'probe');
    writeFileSync(probe, '');
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  for (const path of immutable.splice(0)) execFileSync('chattr', ['-i', path]);
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function run(dataDir: string, ...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'punchbridge', '--data-dir', dataDir, ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function folderWithDevice(): Promise<string> {
  const dataDir = tempFolder('read-only');
  expect((await run(dataDir, 'device', 'add', '--name', 'Gate', '--host', '192.168.1.201')).exitCode).toBe(0);
  return dataDir;
}

describe.skipIf(!chattrWorks())('a data folder that cannot be written', { timeout: 30_000 }, () => {
  it('import says the journal cannot be written and what to do, without a stack trace', async () => {
    const dataDir = await folderWithDevice();
    const file = join(tempFolder('read-only-file'), 'attlog.dat');
    writeFileSync(file, '1\t2026-03-02 08:00:00\t0\t1\t0\t0\n2\t2026-03-02 08:05:00\t0\t1\t0\t0\n');
    makeImmutable(join(dataDir, JOURNAL_FILE_NAME));

    const imported = await run(dataDir, 'import', file, '--device', 'Gate');
    expect(imported.exitCode).toBe(2);
    expect(imported.stderr).toMatch(/cannot write|read-only/i);
    expect(imported.stderr).toMatch(/write access/);
    expect(imported.stderr).not.toMatch(/\n\s+at /);
  });

  it('sync says the journal cannot be written and what to do, without a stack trace', async () => {
    const dataDir = await folderWithDevice();
    makeImmutable(join(dataDir, JOURNAL_FILE_NAME));
    const synced = await run(dataDir, 'sync');
    expect(synced.exitCode).toBe(2);
    expect(synced.stderr).toMatch(/write access/);
    expect(synced.stderr).not.toMatch(/\n\s+at /);
  });

  it('serve refuses to start instead of claiming to run', async () => {
    const dataDir = await folderWithDevice();
    makeImmutable(join(dataDir, JOURNAL_FILE_NAME));
    const served = await run(dataDir, 'serve', '--port', String(await freePort()), '--no-open');
    expect(served.exitCode).toBe(2);
    expect(served.stdout).not.toMatch(/running/);
    expect(served.stderr).toMatch(/cannot write|read-only/i);
  });

  it('a failed save of the API secret leaves no temporary file and says what to do', async () => {
    const dataDir = await folderWithDevice();
    writeFileSync(join(dataDir, SECRETS_FILE_NAME), '{}\n', { mode: 0o600 });
    makeImmutable(join(dataDir, SECRETS_FILE_NAME));
    const saved = await run(dataDir, 'erpnext', 'set', '--url', 'https://erp.example.com', '--api-key', 'key', '--api-secret', 'typed-secret');
    expect(saved.exitCode).toBe(2);
    expect(saved.stderr).toMatch(/write access/);
    expect(saved.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe.skipIf(!chattrWorks())('a journal that stops taking writes while the host runs', { timeout: 30_000 }, () => {
  it('answers an import over the host API with what to do, not an internal error', async () => {
    const { createPunchbridgeService } = await import('./api');
    const { startHost } = await import('./host/server');
    const dataDir = tempFolder('read-only-host');
    const service = await createPunchbridgeService({ dataDir, mode: 'headless' });
    const host = await startHost({ api: service, events: service, port: 0, staticDir: dataDir });
    try {
      const added = await service.addDevice({ name: 'Gate', host: '192.168.1.201' });
      expect(added.ok).toBe(true);
      for (const name of [JOURNAL_FILE_NAME, `${JOURNAL_FILE_NAME}-wal`]) makeImmutable(join(dataDir, name));
      const contentBase64 = Buffer.from('1\t2026-03-02 08:00:00\t0\t1\t0\t0\n').toString('base64');
      const response = await fetch(`${host.url}api/importPunches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input: { deviceId: added.ok && added.value.id, fileName: 'attlog.dat', contentBase64 } }),
      });
      const answer = (await response.json()) as { error?: { code: string; action: string } };
      expect(answer.error?.code).toMatch(/^storage-/);
      expect(answer.error?.action).toMatch(/then try again/);
    } finally {
      for (const path of immutable.splice(0)) execFileSync('chattr', ['-i', path]);
      await host.close();
      await service.close();
    }
  });
});
