import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../cli';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('punchbridge serve', () => {
  it('refuses to listen beyond loopback without a password, saying what to do', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-serve-cli-'));
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    vi.stubEnv('PUNCHBRIDGE_PASSWORD', '');
    await buildProgram().parseAsync(['node', 'punchbridge', '--data-dir', dataDir, 'serve', '--host', '0.0.0.0', '--no-open']);
    expect(process.exitCode).toBe(2);
    const output = written.join('');
    expect(output).toContain('Punchbridge will not listen on 0.0.0.0 without a password');
    expect(output).toContain('Give a password with --password-file FILE or PUNCHBRIDGE_PASSWORD');
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
