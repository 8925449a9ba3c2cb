// The push stop the time trap (docs/frappe-hr.md §0.5) sets: kept in the journal, so that it holds
// across runs, restarts and the live pusher until a person lifts it, with every checkin ERPNext
// saved at its own time instead of the punch time.
import type { DatabaseSync } from 'node:sqlite';
import type { PushStop, WrongCheckin } from '../vocabulary';
import type { Clock } from './rows';
import { inTransaction } from './transaction';

export interface PushStopStore {
  /** The stop in force or being checked, or null when pushing is free. */
  getPushStop(): PushStop | null;
  /** ERPNext saved this checkin at its own time: stop pushing (again), and keep it for the list. */
  recordTimeTrap(wrong: Omit<WrongCheckin, 'foundAt'>): void;
  /**
   * The person says the role is fixed: the next push is one punch, checked. The punches of the wrong
   * checkins go back to the queue, to be sent with their right time. False when nothing was stopped.
   */
  liftPushStop(): boolean;
  /** A checked push kept its time: pushing is free again and the list is done with. */
  clearPushStop(): void;
}

export function pushStopStore(db: DatabaseSync, now: Clock): PushStopStore {
  const selectStop = db.prepare('SELECT stopped_at AS stoppedAt, lifted_at AS liftedAt FROM push_stop WHERE id = 1');
  const selectWrong = db.prepare(`
    SELECT checkin_name AS checkinName, punch_id AS punchId, employee, sent_time AS sentTime, saved_time AS savedTime, found_at AS foundAt
    FROM time_trap_checkins ORDER BY found_at, checkin_name`);
  const stop = db.prepare(`
    INSERT INTO push_stop (id, stopped_at) VALUES (1, :at)
    ON CONFLICT (id) DO UPDATE SET lifted_at = NULL`);
  const addWrong = db.prepare(`
    INSERT INTO time_trap_checkins (checkin_name, punch_id, employee, sent_time, saved_time, found_at)
    VALUES (:checkinName, :punchId, :employee, :sentTime, :savedTime, :at) ON CONFLICT DO NOTHING`);
  const lift = db.prepare('UPDATE push_stop SET lifted_at = ? WHERE id = 1 AND lifted_at IS NULL');
  const requeueWrong = db.prepare(`
    UPDATE punches SET state = 'pending', last_error = NULL, next_attempt_at = NULL
    WHERE state = 'rejected' AND id IN (SELECT punch_id FROM time_trap_checkins WHERE punch_id IS NOT NULL)`);
  const clearStop = db.prepare('DELETE FROM push_stop');
  const seen = db.prepare('INSERT INTO push_stop_seen (id, last_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at');
  const clearWrong = db.prepare('DELETE FROM time_trap_checkins');

  return {
    getPushStop() {
      const row = selectStop.get() as { stoppedAt: string; liftedAt: string | null } | undefined;
      if (!row) return null;
      const wrongCheckins = (selectWrong.all() as unknown as WrongCheckin[]).map((wrong) => ({ ...wrong }));
      return { reason: 'time-trap', stoppedAt: row.stoppedAt, liftedAt: row.liftedAt, wrongCheckins };
    },
    recordTimeTrap(wrong) {
      const at = now().toISOString();
      inTransaction(db, () => {
        stop.run({ at });
        addWrong.run({ ...wrong, at });
        seen.run(at);
      });
    },
    liftPushStop() {
      return inTransaction(db, () => {
        if (Number(lift.run(now().toISOString()).changes) === 0) return false;
        requeueWrong.run();
        return true;
      });
    },
    clearPushStop() {
      inTransaction(db, () => {
        clearStop.run();
        clearWrong.run();
        seen.run(now().toISOString());
      });
    },
  };
}
