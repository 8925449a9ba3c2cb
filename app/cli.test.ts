import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './cli';

describe('the punchbridge command', () => {
  it('prints the version a bug report should quote', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    let printed = '';
    const program = buildProgram()
      .exitOverride()
      .configureOutput({ writeOut: (text) => void (printed += text) });
    await expect(program.parseAsync(['node', 'punchbridge', '--version'])).rejects.toMatchObject({ code: 'commander.version' });
    expect(printed.trim()).toBe(version);
  });
});
