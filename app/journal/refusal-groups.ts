// Refused punches, one group per reason ERPNext gave: a person fixes a cause once (an inactive
// employee, a shift that wants IN/OUT), not punch by punch.
import type { DatabaseSync } from 'node:sqlite';

export interface RefusalGroupRow {
  /** ERPNext's words, exactly as stored on the punches. */
  reason: string;
  count: number;
  /** Device times of the oldest and newest punch in the group. */
  firstTime: string;
  lastTime: string;
  /** The configured devices the punches came from (removed devices are left out). */
  deviceIds: string[];
  /** Device user ids, a few at most, to say whose punches these are. */
  userIds: string[];
}

export interface RefusalGroupQueries {
  /** Every reason refused punches are held for, the most punches first. */
  listRefusalGroups(): RefusalGroupRow[];
  /** Refused punches held for exactly this reason go back to the queue. Returns how many. */
  requeueRefused(reason: string): number;
}

const USER_IDS_SHOWN = 5;

export function refusalGroupQueries(db: DatabaseSync): RefusalGroupQueries {
  // punches_state_time keeps this to the rejected rows, however many punches there are.
  const groups = db.prepare(`
    SELECT p.last_error AS reason, COUNT(*) AS count, MIN(p.device_time) AS firstTime, MAX(p.device_time) AS lastTime,
      json_group_array(DISTINCT s.device_id) AS deviceIds, json_group_array(DISTINCT p.user_id) AS userIds
    FROM punches p LEFT JOIN device_serials s ON s.serial = p.device_serial
    WHERE p.state = 'rejected' AND p.last_error IS NOT NULL
    GROUP BY p.last_error ORDER BY count DESC, reason`);
  const requeue = db.prepare(`
    UPDATE punches SET state = 'pending', last_error = NULL, next_attempt_at = NULL
    WHERE state = 'rejected' AND last_error = ?`);
  return {
    listRefusalGroups() {
      return groups.all().map((row) => {
        const group = row as { reason: string; count: number; firstTime: string; lastTime: string; deviceIds: string; userIds: string };
        const deviceIds = (JSON.parse(group.deviceIds) as (string | null)[]).filter((id): id is string => id !== null);
        const userIds = (JSON.parse(group.userIds) as string[]).sort().slice(0, USER_IDS_SHOWN);
        return { ...group, count: Number(group.count), deviceIds, userIds };
      });
    },
    requeueRefused: (reason) => Number(requeue.run(reason).changes),
  };
}
