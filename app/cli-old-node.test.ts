// `bin/punchbridge.js` started on a Node older than 24 (a newcomer's system Node) says what to do
// instead of crashing on node:sqlite. Runs where such a Node is installed as /usr/bin/node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SYSTEM_NODE = '/usr/bin/node';
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
});
