// `punchbridge lift-stop` as a person runs it: a real process on a data folder of its own.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../journal';
import { tempFolder } from '../testing/temp-folders';
import { JOURNAL_FILE_NAME } from './data-folder';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

function cli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, VITEST: undefined };
    execFile(process.execPath, ['--import', 'tsx', 'app/cli.ts', '--data-dir', dataDir, ...args], { cwd: projectRoot, env }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

describe('punchbridge lift-stop', { timeout: 60_000 }, () => {
  it('lifts the time trap\'s stop and names the checkins to delete; a second time there is nothing to lift', async () => {
    const dataDir = tempFolder('lift-stop');
    const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
    journal.recordTimeTrap({ checkinName: 'EMP-CKIN-11-2026-000412', punchId: null, employee: 'HR-EMP-00003', sentTime: '2026-11-25 08:02:11', savedTime: '2026-11-25 09:12:40' });
    journal.close();

    const lifted = await cli(dataDir, 'lift-stop');
    expect(lifted.code).toBe(0);
    expect(lifted.stdout).toContain('Stop lifted');
    expect(lifted.stdout).toContain('EMP-CKIN-11-2026-000412');
    const again = await cli(dataDir, '--json', 'lift-stop');
    expect(JSON.parse(again.stdout)).toMatchObject({ lifted: false });

    const reopened = openJournal(join(dataDir, JOURNAL_FILE_NAME));
    expect(reopened.getPushStop()?.liftedAt).not.toBeNull();
    reopened.close();
  });
});
