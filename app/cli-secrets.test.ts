// Secrets given to the CLI without putting them in the process list: a file, the environment or a
// prompt; the flags still work, with a warning.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from './cli';
import { ERPNEXT_API_SECRET, openFileSecretStore } from './settings';
import { tempFolder } from './testing/temp-folders';

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function run(dataDir: string, ...args: string[]): Promise<{ stderr: string; exitCode: number }> {
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'punchbridge', '--data-dir', dataDir, ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return { stderr, exitCode: Number(process.exitCode ?? 0) };
}

const SET = ['erpnext', 'set', '--url', 'https://erp.example.com', '--api-key', 'key'];
const storedSecret = (dataDir: string) => openFileSecretStore(dataDir).get(ERPNEXT_API_SECRET);

describe('punchbridge erpnext set: the API secret', () => {
  it('reads it from a file, without the line break the file ends with', async () => {
    const dataDir = tempFolder('cli-secret');
    const file = join(tempFolder('cli-secret-file'), 'secret');
    writeFileSync(file, 'from-a-file\n', { mode: 0o600 });
    const set = await run(dataDir, ...SET, '--api-secret-file', file);
    expect(set).toEqual({ stderr: '', exitCode: 0 });
    expect(storedSecret(dataDir)).toBe('from-a-file');
  });

  it('reads it from PUNCHBRIDGE_API_SECRET', async () => {
    const dataDir = tempFolder('cli-secret');
    vi.stubEnv('PUNCHBRIDGE_API_SECRET', 'from-the-environment');
    expect((await run(dataDir, ...SET)).exitCode).toBe(0);
    expect(storedSecret(dataDir)).toBe('from-the-environment');
  });

  it('still takes --api-secret, warning that the process list shows it', async () => {
    const dataDir = tempFolder('cli-secret');
    vi.stubEnv('PUNCHBRIDGE_API_SECRET', '');
    const set = await run(dataDir, ...SET, '--api-secret', 'on-the-command-line');
    expect(set.exitCode).toBe(0);
    expect(set.stderr).toMatch(/--api-secret on the command line can be read by every user .* Use --api-secret-file FILE/);
    expect(storedSecret(dataDir)).toBe('on-the-command-line');
  });

  it('says how to give it when there is none and no terminal to ask at', async () => {
    const dataDir = tempFolder('cli-secret');
    vi.stubEnv('PUNCHBRIDGE_API_SECRET', '');
    const set = await run(dataDir, ...SET);
    expect(set.exitCode).toBe(2);
    expect(set.stderr).toContain('--api-secret-file FILE');
    expect(storedSecret(dataDir)).toBeNull();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('punchbridge serve: the sign-in password', { timeout: 60_000 }, () => {
  it('comes from --password-file, and that password signs in', async () => {
    const dataDir = tempFolder('serve-password');
    const file = join(tempFolder('serve-password-file'), 'password');
    writeFileSync(file, 'correct horse\n', { mode: 0o600 });
    const port = await freePort();
    const environment: NodeJS.ProcessEnv = { ...process.env, PUNCHBRIDGE_PASSWORD: '' };
    delete environment.VITEST;
    // The real command in its own process: serve runs until it is stopped.
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/cli.ts', '--data-dir', dataDir, 'serve', '--host', '0.0.0.0', '--port', String(port), '--password-file', file, '--no-open'], {
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => output.includes('Press Ctrl+C') && resolve());
        child.on('exit', () => reject(new Error(`serve ended: ${output}`)));
      });
      expect(output).not.toMatch(/Warning/);
      const login = (password: string) =>
        fetch(`http://127.0.0.1:${port}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `password=${encodeURIComponent(password)}`, redirect: 'manual' });
      expect((await login('wrong')).status).toBe(401);
      expect((await login('correct horse')).status).toBe(303);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
