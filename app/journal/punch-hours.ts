// Punches per hour of a device's own clock, for telling its usual shift hours from its history.
import type { DatabaseSync } from 'node:sqlite';

export interface PunchHourQueries {
  /** Punch counts by day and hour of one device (all its serials), device_time in [from, to). */
  countPunchesByHour(deviceId: string, from: string, to: string): { day: string; hour: number; count: number }[];
}

export function punchHourQueries(db: DatabaseSync): PunchHourQueries {
  // A range on punches_serial_time per serial: no scan of other devices' punches.
  const byHour = db.prepare(`
    SELECT substr(device_time, 1, 10) AS day, CAST(substr(device_time, 12, 2) AS INTEGER) AS hour, COUNT(*) AS count
    FROM punches
    WHERE device_serial IN (SELECT serial FROM device_serials WHERE device_id = ?) AND device_time >= ? AND device_time < ?
    GROUP BY day, hour`);
  return {
    countPunchesByHour: (deviceId, from, to) => byHour.all(deviceId, from, to) as unknown as { day: string; hour: number; count: number }[],
  };
}
