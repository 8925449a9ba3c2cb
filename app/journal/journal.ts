// Opening the journal: one SQLite file, shared by the desktop app and the CLI.
import { DatabaseSync } from 'node:sqlite';
import { admsCommandStore, type AdmsCommandStore } from './adms-commands';
import { admsDeviceStore, type AdmsDeviceStore } from './adms-devices';
import { deviceUserChangeStore, type DeviceUserChangeStore } from './device-user-changes';
import { deviceStore, type DeviceStore } from './devices';
import { JournalOpenError } from './errors';
import { mappingStore, type MappingStore } from './mappings';
import { migrate } from './migrations';
import { createOwnerOnly, tightenToOwnerOnly } from '../owner-only';
import { punchHourQueries, type PunchHourQueries } from './punch-hours';
import { waitingPunchQueries, type WaitingPunchQueries } from './waiting-punches';
import { punchQueries, type PunchQueries } from './punch-queries';
import { punchWrites, type PunchWrites } from './punch-writes';
import { pushStopStore, type PushStopStore } from './push-stop';
import { trapDoubtQueries, type TrapDoubtQueries } from './trap-doubt';
import { refusalGroupQueries, type RefusalGroupQueries } from './refusal-groups';
import type { Clock } from './rows';
import { runStore, type RunStore } from './runs';
import { serialOwners, type SerialOwners } from './serial-owners';
import { inTransaction } from './transaction';

export interface Journal extends PunchWrites, PunchQueries, DeviceStore, MappingStore, RunStore, AdmsDeviceStore, SerialOwners, PushStopStore, TrapDoubtQueries, RefusalGroupQueries, DeviceUserChangeStore, AdmsCommandStore, PunchHourQueries, WaitingPunchQueries {
  /** Run several journal calls as one transaction: all of them are written, or none. */
  transaction<T>(work: () => T): T;
  /**
   * Write everything committed so far through to the database file on disk, so that it survives a
   * power cut (commits alone survive only a crash of the app: see synchronous below). False when
   * another reader kept part of it from being written; the caller must not rely on it then.
   */
  flushToDisk(): boolean;
  /**
   * Write something and take it back: throws what a real write would (SQLite's read-only or
   * disk-full error) when the journal cannot be written, so a service does not start and claim to run.
   */
  checkWritable(): void;
  close(): void;
}

export interface JournalOptions {
  /** Time source for received/synced/created stamps; tests pass a fixed clock. */
  now?: Clock;
}

/** How long a write waits for another process (the CLI beside the desktop app) to finish its own. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Open (creating or upgrading) the journal at `filePath`; ':memory:' gives a throwaway one.
 * Throws JournalOpenError, which carries an ApiError for a person, when the file cannot be used.
 */
export function openJournal(filePath: string, options: JournalOptions = {}): Journal {
  const now = options.now ?? (() => new Date());
  let db: DatabaseSync;
  const onDisk = filePath !== ':memory:';
  try {
    if (onDisk) createOwnerOnly(filePath);
    db = new DatabaseSync(filePath, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
    db.exec('PRAGMA journal_mode = WAL');
    if (onDisk) tightenToOwnerOnly([filePath, `${filePath}-wal`, `${filePath}-shm`]);
    // In WAL mode NORMAL loses no committed transaction on a crash of the app, only on power loss
    // before a checkpoint, and saves an fsync per commit (one per pushed punch). A lost mark is
    // harmless (ERPNext answers the resend as a duplicate); before a device's log is cleared, the
    // sync calls flushToDisk so the only copy left is on disk.
    db.exec('PRAGMA synchronous = NORMAL');
    // 32 MB of page cache (the default is 2 MB): a year of punches keeps its indexes' hot pages
    // in memory, which bulk inserts and the page query both need.
    db.exec('PRAGMA cache_size = -32768');
  } catch (error) {
    throw JournalOpenError.unreadable(filePath, error);
  }
  try {
    migrate(db, filePath);
  } catch (error) {
    db.close();
    throw error instanceof JournalOpenError ? error : JournalOpenError.unreadable(filePath, error);
  }
  return {
    ...punchWrites(db, now),
    ...punchQueries(db),
    ...deviceStore(db, now),
    ...mappingStore(db, now),
    ...runStore(db, now),
    ...admsDeviceStore(db, now),
    ...serialOwners(db),
    ...pushStopStore(db, now),
    ...trapDoubtQueries(db),
    ...refusalGroupQueries(db),
    ...deviceUserChangeStore(db, now),
    ...admsCommandStore(db, now),
    ...punchHourQueries(db),
    ...waitingPunchQueries(db),
    transaction: (work) => inTransaction(db, work),
    flushToDisk() {
      // A FULL checkpoint syncs the WAL, copies every frame into the database file and syncs that.
      const outcome = db.prepare('PRAGMA wal_checkpoint(FULL)').get() as { busy: number; log: number; checkpointed: number };
      return outcome.busy === 0 && outcome.checkpointed === outcome.log;
    },
    checkWritable() {
      // Setting user_version to what it is dirties the header page: the commit has to reach the WAL.
      inTransaction(db, () => db.exec(`PRAGMA user_version = ${Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)}`));
    },
    close() {
      if (!db.isOpen) return;
      try {
        // Keeps the query planner's statistics fresh; cheap when nothing changed much. Optional:
        // on a full disk or a read-only file it fails, and closing must not.
        db.exec('PRAGMA analysis_limit = 1000');
        db.exec('PRAGMA optimize');
      } catch {
        // The statistics stay as they were.
      }
      db.close();
    },
  };
}
