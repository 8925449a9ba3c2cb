import { writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { storageFailure } from './storage-failure';

function thrownBy(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('storageFailure', () => {
  it('names a full database as a full disk, with what to do', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE filler (text TEXT); PRAGMA max_page_count = 2');
    const error = thrownBy(() => db.exec(`INSERT INTO filler VALUES ('${'x'.repeat(20_000)}')`));
    expect(storageFailure(error, '/data')).toMatchObject({ code: 'storage-full', action: 'Free space on that disk, then try again.' });
  });

  it.skipIf(process.platform !== 'linux')('names ENOSPC from the file system as a full disk', () => {
    expect(storageFailure(thrownBy(() => writeFileSync('/dev/full', 'x')), '/data')).toMatchObject({ code: 'storage-full' });
  });

  it('leaves other errors alone: those are bugs', () => {
    expect(storageFailure(new TypeError('x is undefined'), '/data')).toBeNull();
    const db = new DatabaseSync(':memory:');
    expect(storageFailure(thrownBy(() => db.exec('SELECT * FROM missing')), '/data')).toBeNull();
  });
});
