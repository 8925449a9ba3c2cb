// The earliest punch of a device still in some states, and how many it has in them: what holds a
// Shift Type back (app/sync/shift-holds.ts). The status asks after every event, so each state and
// serial is one seek on punches_state_serial_time and one count of its index range, never a sort.
import type { DatabaseSync } from 'node:sqlite';
import type { Punch, PunchState } from '../vocabulary';
import { PUNCH_COLUMNS, PUNCH_JOINS, toPunches } from './rows';

export interface WaitingPunchQueries {
  /** The earliest (by device time, then id) of this device's punches in `states`, and their count; null when none. */
  earliestInStates(deviceId: string, states: readonly PunchState[]): { punch: Punch; count: number } | null;
}

export function waitingPunchQueries(db: DatabaseSync): WaitingPunchQueries {
  const serialsOf = db.prepare('SELECT serial FROM device_serials WHERE device_id = ?');
  const firstIn = db.prepare('SELECT id, device_time AS deviceTime FROM punches WHERE state = ? AND device_serial = ? ORDER BY device_time, id LIMIT 1');
  const countIn = db.prepare('SELECT COUNT(*) AS count FROM punches WHERE state = ? AND device_serial = ?');
  const punchById = db.prepare(`SELECT ${PUNCH_COLUMNS} FROM punches p ${PUNCH_JOINS} WHERE p.id = ?`);
  return {
    earliestInStates(deviceId, states) {
      let earliest: { id: number; deviceTime: string } | null = null;
      let count = 0;
      for (const { serial } of serialsOf.all(deviceId) as { serial: string }[]) {
        for (const state of states) {
          const first = firstIn.get(state, serial) as { id: number; deviceTime: string } | undefined;
          if (!first) continue;
          count += (countIn.get(state, serial) as { count: number }).count;
          if (!earliest || first.deviceTime < earliest.deviceTime || (first.deviceTime === earliest.deviceTime && first.id < earliest.id)) earliest = first;
        }
      }
      if (!earliest) return null;
      const [punch] = toPunches([punchById.get(earliest.id)]);
      return punch ? { punch, count } : null;
    },
  };
}
