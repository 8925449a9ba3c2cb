import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { JournalOpenError } from './errors';
import { SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import { tempFolder, tempJournal } from './test-support';

describe('migrations', () => {
  it('upgrades a file written by an older version and keeps its punches', () => {
    const filePath = join(tempFolder(), 'journal.sqlite');
    const old = new DatabaseSync(filePath);
    migrate(old, filePath, 1);
    const insert = old.prepare(`
      INSERT INTO punches (device_serial, user_id, device_time, punch_state_code, verify_type, source, state, received_at)
      VALUES ('OLD01', ?, '2026-01-05 08:00:00', 0, 1, 'zk', ?, '2026-01-05T08:00:05.000Z')`);
    insert.run('1', 'synced');
    insert.run('2', 'pending');
    insert.run('3', 'pending');
    old.close();

    const journal = tempJournal(filePath);
    expect(journal.countByState()).toMatchObject({ synced: 1, pending: 2 });
    expect(journal.queryPunches({}).total).toBe(3);
    const check = new DatabaseSync(filePath, { readOnly: true });
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('refuses a file from a newer version with a message a person can act on', () => {
    const filePath = join(tempFolder(), 'journal.sqlite');
    tempJournal(filePath).close();
    const newer = new DatabaseSync(filePath);
    newer.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();

    let thrown: unknown;
    try {
      tempJournal(filePath);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JournalOpenError);
    expect((thrown as JournalOpenError).error).toMatchObject({ code: 'journal-too-new', action: expect.stringMatching(/newer Punchbridge/) });
  });

  it('opens in WAL mode with foreign keys on', () => {
    const filePath = join(tempFolder(), 'journal.sqlite');
    tempJournal(filePath);
    const check = new DatabaseSync(filePath, { readOnly: true });
    expect(check.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    check.close();
  });
});

describe('crash safety', () => {
  it('a process killed while writing leaves whole batches and a sound file', async () => {
    const filePath = join(tempFolder(), 'journal.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'test-fixtures', 'insert-until-killed.ts'), filePath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let committed = 0;
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        committed += chunk.toString().split('\n').filter(Boolean).length;
        if (committed >= 5) resolve();
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const journal = tempJournal(filePath);
    const total = journal.queryPunches({}).total;
    expect(total).toBeGreaterThanOrEqual(5000);
    expect(total % 1000).toBe(0);
    expect(journal.countByState().pending).toBe(total);
    const check = new DatabaseSync(filePath);
    expect(check.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(check.prepare('SELECT COUNT(*) AS rows FROM punches').get()).toEqual({ rows: total });
    check.close();
  }, 60_000);
});
