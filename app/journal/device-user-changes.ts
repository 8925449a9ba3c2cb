// Every change Punchbridge made, or tried to make, to a terminal's users: what, on which
// device, when, who asked, and how it ended. History shows them; nothing rewrites them.
import type { DatabaseSync } from 'node:sqlite';
import type { DeviceUserChangeRecord } from '../vocabulary';
import type { Clock } from './rows';

export type NewDeviceUserChange = Omit<DeviceUserChangeRecord, 'id' | 'recordedAt'>;

export interface DeviceUserChangeStore {
  recordDeviceUserChanges(changes: readonly NewDeviceUserChange[]): void;
  /** Newest first. */
  listDeviceUserChanges(limit: number): DeviceUserChangeRecord[];
}

export function deviceUserChangeStore(db: DatabaseSync, now: Clock): DeviceUserChangeStore {
  const insert = db.prepare(`
    INSERT INTO device_user_changes (device_id, device_name, kind, user_id, employee, name, previous_name, outcome, error, requested_by, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const list = db.prepare(`
    SELECT id, device_id AS deviceId, device_name AS deviceName, kind, user_id AS userId, employee, name,
           previous_name AS previousName, outcome, error, requested_by AS requestedBy, recorded_at AS recordedAt
    FROM device_user_changes ORDER BY id DESC LIMIT ?`);
  return {
    recordDeviceUserChanges(changes) {
      const recordedAt = now().toISOString();
      for (const change of changes) {
        insert.run(change.deviceId, change.deviceName, change.kind, change.userId, change.employee, change.name, change.previousName, change.outcome, change.error, change.requestedBy, recordedAt);
      }
    },
    listDeviceUserChanges(limit) {
      return list.all(limit).map((row) => ({ ...(row as unknown as DeviceUserChangeRecord) }));
    },
  };
}
