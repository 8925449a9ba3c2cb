import { isAbsolute, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './paths';

describe('defaultDataDir', () => {
  it('ignores an empty or relative XDG_CONFIG_HOME, as the XDG spec says to', () => {
    for (const XDG_CONFIG_HOME of ['', 'relative/config']) {
      expect(defaultDataDir({ XDG_CONFIG_HOME }, 'linux')).toBe(join(homedir(), '.config', 'Punchbridge'));
    }
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'linux')).toBe(join('/srv/config', 'Punchbridge'));
  });

  it('makes a relative PUNCHBRIDGE_DATA_DIR absolute (Electron refuses relative paths) and ignores an empty one', () => {
    const dir = defaultDataDir({ PUNCHBRIDGE_DATA_DIR: 'punch-data' }, 'linux');
    expect(isAbsolute(dir)).toBe(true);
    expect(dir).toBe(resolve('punch-data'));
    expect(defaultDataDir({ PUNCHBRIDGE_DATA_DIR: '' }, 'linux')).toBe(join(homedir(), '.config', 'Punchbridge'));
  });
});
