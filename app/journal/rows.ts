// How punch rows become the contract's Punch: the SELECT names each column after its field, so a
// row only needs copying into a plain object.
import type { Punch } from '../vocabulary';

export const PUNCH_COLUMNS = `
  p.id AS id, p.device_serial AS deviceSerial, s.device_id AS deviceId,
  COALESCE(d.name, s.kept_name, p.device_serial) AS deviceName,
  p.user_id AS userId, p.device_time AS deviceTime, p.server_time AS serverTime,
  p.punch_state_code AS punchStateCode, p.verify_type AS verifyType, p.log_type AS logType,
  p.state AS state, p.last_error AS lastError, p.time_note AS timeNote,
  p.employee AS employee, e.employee_name AS employeeName, p.checkin_name AS checkinName,
  p.attempts AS attempts, p.source AS source, p.received_at AS receivedAt, p.synced_at AS syncedAt`;

export const PUNCH_JOINS = `
  LEFT JOIN device_serials s ON s.serial = p.device_serial
  LEFT JOIN devices d ON d.id = s.device_id
  LEFT JOIN employees e ON e.employee = p.employee`;

export function toPunches(rows: unknown[]): Punch[] {
  return rows.map((row) => ({ ...(row as Punch) }));
}

/** Ids as one JSON parameter, read back with json_each: one statement whatever the count. */
export function idList(ids: readonly number[]): string {
  return JSON.stringify(ids);
}

export type Clock = () => Date;

export const WALL_CLOCK_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
