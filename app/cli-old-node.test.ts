// `bin/punchbridge.js` started on a Node older than 24 (a newcomer's system Node) says what to do
// instead of crashing on node:sqlite, and npm on that Node prints no engine warnings to puzzle over.
// Runs where such a Node is installed as /usr/bin/node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SYSTEM_NODE = '/usr/bin/node';
const SYSTEM_NPM = '/usr/bin/npm';
const SYSTEM_NPX = '/usr/bin/npx';
const systemMajor = existsSync(SYSTEM_NODE) ? Number(execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]']).toString()) : null;

describe('the punchbridge command on an old Node', () => {
  it.runIf(systemMajor !== null && systemMajor < 24)('says which Node it needs and how to get it, and exits', () => {
    const run = spawnSync(SYSTEM_NODE, ['bin/punchbridge.js', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('punchbridge needs Node.js 24 or newer; this is Node.js');
    expect(run.stderr).toContain('npx punchbridge');
    expect(run.stderr).not.toContain('node:sqlite');
    expect(run.stdout).toBe('');
  });

  // The newcomer's shell: the system npm on the system Node, not the Node 24 that npm scripts put first on PATH.
  const newcomerShell = { ...process.env, PATH: '/usr/bin:/bin' };

  it.runIf(systemMajor !== null && systemMajor < 24 && existsSync(SYSTEM_NPM))('lets `npm ci` install without warnings about engines', () => {
    const run = spawnSync(SYSTEM_NPM, ['ci', '--dry-run', '--ignore-scripts'], { encoding: 'utf8', env: newcomerShell });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/npm warn/i);
  });

  it.runIf(systemMajor !== null && systemMajor < 24 && existsSync(SYSTEM_NPX))('lets `npx punchbridge` start on the Node 24 the project installs, without npm warnings', () => {
    const run = spawnSync(SYSTEM_NPX, ['punchbridge', '--help'], { encoding: 'utf8', env: newcomerShell });
    expect(run.stderr).not.toMatch(/npm warn/i);
    expect(run.stderr).not.toContain('needs Node.js 24');
  });
});
