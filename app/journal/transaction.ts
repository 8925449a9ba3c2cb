import type { DatabaseSync } from 'node:sqlite';

/**
 * Run `work` in one write transaction. IMMEDIATE takes the write lock up front, so a second
 * process (the CLI beside the desktop app) waits on the busy timeout instead of failing mid-way.
 * Inside an open transaction, `work` simply joins it.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
