// Punches in, and every state change of the push queue. Each transition is one UPDATE, guarded by
// the states it may start from, so a late or repeated call cannot undo a sync.
import type { DatabaseSync } from 'node:sqlite';
import type { Punch, PunchSource, PunchState } from '../vocabulary';
import { PUNCH_COLUMNS, PUNCH_JOINS, WALL_CLOCK_TIME, idList, toPunches, type Clock } from './rows';
import { isWholeNumberUpTo, PUNCH_CODE_MAX, userIdProblem } from './record-limits';
import { inTransaction } from './transaction';
import type { DoubtWindow, InsertResult, PunchRecord, SentPunch } from './types';

export interface PunchWrites {
  /**
   * Insert-or-ignore on the identity (serial, user id, device time), all in one transaction: a
   * re-read is harmless, and when this returns every record is committed. The first time a device
   * arrives under its real serial, punches filed under its stand-in serial move to the real one,
   * so a punch imported from a USB file before the first network read stays one punch.
   */
  insertPunches(deviceSerial: string, deviceId: string | null, source: PunchSource, records: readonly PunchRecord[]): InsertResult;
  /** The next punches to push: failed ones whose retry time has come, then pending ones by device time. */
  takePendingPunches(limit: number, now: string): Punch[];
  /** ERPNext created the checkin. */
  markSynced(id: number, sent: SentPunch, checkinName: string): void;
  /** ERPNext already had this punch: synced, without a checkin name. */
  markDuplicate(id: number, sent: SentPunch): void;
  /** No employee for this device user id: held until a mapping requeues it. */
  markUnmatched(id: number, reason: string, sent?: SentPunch): void;
  /** A permanent ERPNext error, kept word for word until the user retries. */
  markRejected(id: number, reason: string, sent?: SentPunch): void;
  /** A transient failure: taken again once `nextAttemptAt` (ISO time) has passed. */
  markFailed(id: number, reason: string, nextAttemptAt: string, sent?: SentPunch): void;
  /**
   * Failed like markFailed, but its last push got no answer: ERPNext may hold it already. Every
   * other mark clears the doubt; a requeue keeps it. `doubt`: when the unanswered pushes went.
   */
  markInDoubt(id: number, reason: string, nextAttemptAt: string, sent?: SentPunch, doubt?: DoubtWindow): void;
  /** Ids of the punches in doubt. */
  listInDoubt(): number[];
  /** Ignore these punches (never synced ones). Returns how many changed. */
  markIgnored(ids: readonly number[]): number;
  /** Put held or ignored punches back in the queue. Returns how many changed. */
  requeue(ids: readonly number[]): number;
  /** After a mapping: that user's unmatched punches (on one device, or all when null) go back to pending. */
  requeueUser(userId: string, deviceId: string | null): number;
  /**
   * Every punch in these states goes back to pending (e.g. all rejected after fixing ERPNext), or
   * only those of one device (after its settings changed).
   */
  requeueByState(states: readonly PunchState[], deviceId?: string): number;
  /** The import start date: queued punches from before `date` (YYYY-MM-DD) become ignored. */
  ignoreBefore(date: string): number;
}

/** The serial punches of a device are filed under until Punchbridge learns the real one (a file import before any network read). */
export function standInSerial(deviceId: string): string {
  return `device:${deviceId}`;
}

const SENT_COLUMNS = `
  server_time = COALESCE(:serverTime, server_time), log_type = COALESCE(:logType, log_type),
  time_note = COALESCE(:timeNote, time_note), employee = COALESCE(:employee, employee)`;
const AFTER_ATTEMPT = `attempts = attempts + 1, next_attempt_at = NULL, in_doubt = 0`;
/** Rows of the device `:deviceId`, or of every device when it is null. */
const ON_DEVICE_OR_ALL = `(:deviceId IS NULL OR device_serial IN (SELECT serial FROM device_serials WHERE device_id = :deviceId))`;
const UNSYNCED = `state IN ('pending', 'failed', 'unmatched', 'rejected', 'ignored')`;

export function punchWrites(db: DatabaseSync, now: Clock): PunchWrites {
  const linkSerial = db.prepare(`
    INSERT INTO device_serials (serial, device_id) VALUES (?, ?)
    ON CONFLICT (serial) DO UPDATE SET device_id = COALESCE(excluded.device_id, device_id)`);
  const insert = db.prepare(`
    INSERT INTO punches (device_serial, user_id, device_time, punch_state_code, verify_type, source, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const adoptPunches = db.prepare(`UPDATE OR IGNORE punches SET device_serial = :serial WHERE device_serial = :standIn`);
  const standInKnown = db.prepare(`SELECT 1 FROM device_serials WHERE serial = ?`);
  const forgetStandIn = db.prepare(`DELETE FROM device_serials WHERE serial = ? AND NOT EXISTS (SELECT 1 FROM punches WHERE device_serial = ?)`);
  const countNew = db.prepare(`UPDATE punch_state_counts SET count = count + ? WHERE state = 'pending'`);
  const dueFailed = db.prepare(`
    SELECT ${PUNCH_COLUMNS} FROM punches p ${PUNCH_JOINS}
    WHERE p.state = 'failed' AND p.next_attempt_at <= ? ORDER BY p.next_attempt_at, p.id LIMIT ?`);
  const pending = db.prepare(`
    SELECT ${PUNCH_COLUMNS} FROM punches p ${PUNCH_JOINS}
    WHERE p.state = 'pending' ORDER BY p.device_time, p.id LIMIT ?`);
  const synced = db.prepare(`
    UPDATE punches SET state = 'synced', checkin_name = :checkinName, synced_at = :at, last_error = NULL,
      ${SENT_COLUMNS}, ${AFTER_ATTEMPT}
    WHERE id = :id AND state <> 'synced'`);
  const held = db.prepare(`
    UPDATE punches SET state = :state, last_error = :reason, ${SENT_COLUMNS}, ${AFTER_ATTEMPT}
    WHERE id = :id AND state IN ('pending', 'failed')`);
  const failed = db.prepare(`
    UPDATE punches SET state = 'failed', last_error = :reason, ${SENT_COLUMNS},
      attempts = attempts + 1, next_attempt_at = :nextAttemptAt, in_doubt = :inDoubt,
      doubt_sent_at = :doubtSentAt, doubt_until = :doubtUntil
    WHERE id = :id AND state IN ('pending', 'failed')`);
  const inDoubt = db.prepare(`SELECT id FROM punches WHERE in_doubt = 1 ORDER BY id`);
  const rememberEmployee = db.prepare(`
    INSERT INTO employees (employee, employee_name) VALUES (?, ?)
    ON CONFLICT (employee) DO UPDATE SET employee_name = COALESCE(excluded.employee_name, employee_name)`);
  const ignore = db.prepare(`
    UPDATE punches SET state = 'ignored', next_attempt_at = NULL
    WHERE id IN (SELECT value FROM json_each(?)) AND state IN ('pending', 'failed', 'unmatched', 'rejected')`);
  const requeueIds = db.prepare(`
    UPDATE punches SET state = 'pending', last_error = NULL, next_attempt_at = NULL
    WHERE id IN (SELECT value FROM json_each(?)) AND ${UNSYNCED} AND state <> 'pending'`);
  const requeueUnmatchedUser = db.prepare(`
    UPDATE punches SET state = 'pending', last_error = NULL
    WHERE state = 'unmatched' AND user_id = :userId
      AND ${ON_DEVICE_OR_ALL}`);
  const requeueStates = db.prepare(`
    UPDATE punches SET state = 'pending', last_error = NULL, next_attempt_at = NULL
    WHERE state IN (SELECT value FROM json_each(:states)) AND ${UNSYNCED} AND state <> 'pending'
      AND ${ON_DEVICE_OR_ALL}`);
  const ignoreOld = db.prepare(`
    UPDATE punches SET state = 'ignored', next_attempt_at = NULL
    WHERE state IN ('pending', 'failed') AND device_time < ?`);

  function sentParams(sent: SentPunch | undefined) {
    if (sent?.employee) rememberEmployee.run(sent.employee, sent.employeeName ?? null);
    return {
      serverTime: sent?.serverTime ?? null,
      logType: sent?.logType ?? null,
      timeNote: sent?.timeNote ?? null,
      employee: sent?.employee ?? null,
    };
  }

  return {
    insertPunches(deviceSerial, deviceId, source, records) {
      assertRecords(deviceSerial, records);
      const receivedAt = now().toISOString();
      return inTransaction(db, () => {
        linkSerial.run(deviceSerial, deviceId);
        const standIn = deviceId === null ? null : standInSerial(deviceId);
        if (standIn !== null && standIn !== deviceSerial && standInKnown.get(standIn)) {
          adoptPunches.run({ serial: deviceSerial, standIn });
          forgetStandIn.run(standIn, standIn);
        }
        let inserted = 0;
        for (const record of records) {
          const { changes } = insert.run(deviceSerial, record.userId, record.deviceTime, record.punchStateCode, record.verifyType, source, receivedAt);
          inserted += Number(changes);
        }
        countNew.run(inserted);
        return { read: records.length, inserted };
      });
    },
    takePendingPunches(limit, at) {
      const retries = toPunches(dueFailed.all(at, limit));
      if (retries.length >= limit) return retries;
      return [...retries, ...toPunches(pending.all(limit - retries.length))];
    },
    markSynced(id, sent, checkinName) {
      synced.run({ id, checkinName, at: now().toISOString(), ...sentParams(sent) });
    },
    markDuplicate(id, sent) {
      synced.run({ id, checkinName: null, at: now().toISOString(), ...sentParams(sent) });
    },
    markUnmatched(id, reason, sent) {
      held.run({ id, state: 'unmatched', reason, ...sentParams(sent) });
    },
    markRejected(id, reason, sent) {
      held.run({ id, state: 'rejected', reason, ...sentParams(sent) });
    },
    markFailed(id, reason, nextAttemptAt, sent) {
      failed.run({ id, reason, nextAttemptAt, inDoubt: 0, doubtSentAt: null, doubtUntil: null, ...sentParams(sent) });
    },
    markInDoubt(id, reason, nextAttemptAt, sent, doubt) {
      failed.run({ id, reason, nextAttemptAt, inDoubt: 1, doubtSentAt: doubt?.sentAt ?? null, doubtUntil: doubt?.until ?? null, ...sentParams(sent) });
    },
    listInDoubt: () => (inDoubt.all() as { id: number }[]).map((row) => row.id),
    markIgnored: (ids) => Number(ignore.run(idList(ids)).changes),
    requeue: (ids) => Number(requeueIds.run(idList(ids)).changes),
    requeueUser: (userId, deviceId) => Number(requeueUnmatchedUser.run({ userId, deviceId }).changes),
    requeueByState: (states, deviceId) => Number(requeueStates.run({ states: JSON.stringify(states), deviceId: deviceId ?? null }).changes),
    ignoreBefore: (date) => Number(ignoreOld.run(`${date} 00:00:00`).changes),
  };
}

/**
 * Bad records are a caller's bug (sources report them as problem lines): refuse the whole batch
 * before anything is written, so no value that cannot be read back ever reaches the table.
 */
function assertRecords(deviceSerial: string, records: readonly PunchRecord[]): void {
  if (!deviceSerial) throw new TypeError('insertPunches needs the device serial number');
  for (const record of records) {
    const fits =
      userIdProblem(record.userId) === null &&
      WALL_CLOCK_TIME.test(record.deviceTime) &&
      isWholeNumberUpTo(record.punchStateCode, PUNCH_CODE_MAX) &&
      isWholeNumberUpTo(record.verifyType, PUNCH_CODE_MAX);
    if (!fits) {
      throw new TypeError(`Not a punch record: user "${record.userId}" at "${record.deviceTime}", state ${record.punchStateCode}, verify ${record.verifyType}`);
    }
  }
}
