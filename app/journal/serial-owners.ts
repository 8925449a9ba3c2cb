// Which configured device a serial belongs to: how a second unit reporting the same serial is told apart.
import type { DatabaseSync } from 'node:sqlite';

export interface SerialOwners {
  /** The configured device that carries `serial` (punches or a read arrived under it), or null. */
  deviceCarryingSerial(serial: string): { deviceId: string; name: string } | null;
}

export function serialOwners(db: DatabaseSync): SerialOwners {
  const select = db.prepare(`
    SELECT d.id AS deviceId, d.name AS name FROM device_serials s JOIN devices d ON d.id = s.device_id WHERE s.serial = ?`);
  return {
    deviceCarryingSerial(serial) {
      const row = select.get(serial) as { deviceId: string; name: string } | undefined;
      return row ? { deviceId: row.deviceId, name: row.name } : null;
    },
  };
}
