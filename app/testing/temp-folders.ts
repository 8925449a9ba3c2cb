// Temp folders for tests: each one is removed after the test that made it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder named punchbridge-<name>-XXXXXX, removed after this test. */
export function tempFolder(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `punchbridge-${name}-`));
  folders.push(folder);
  return folder;
}
