// Configured devices, what their reads learnt about them, their users and their clears.
import type { DatabaseSync } from 'node:sqlite';
import { DeviceInputSchema, type ApiError, type DeviceConfig, type DeviceUser } from '../vocabulary';
import { CARD_NUMBER_MAX, isWholeNumberUpTo, PUNCH_CODE_MAX, userIdProblem } from './record-limits';
import type { Clock } from './rows';
import { inTransaction } from './transaction';
import type { DeviceClear, DeviceReadInfo, StoredDevice, StoredDeviceConfig } from './types';

export interface DeviceStore {
  /** Save a new device; its id is made from its name ("Main gate" -> "main-gate"). A comm key passed in is dropped. */
  addDevice(config: DeviceConfig): StoredDevice;
  getDevice(id: string): StoredDevice | null;
  listDevices(): StoredDevice[];
  /** Merge `changes` into the stored config; null when there is no such device. */
  updateDevice(id: string, changes: Partial<DeviceConfig>): StoredDevice | null;
  /** Remove the device; its punches stay, under its name. Null when there is no such device. */
  removeDevice(id: string): { keptPunches: number } | null;
  /** A successful read: clears the last error and links the serial number to this device. */
  recordDeviceRead(id: string, read: DeviceReadInfo): void;
  recordDeviceError(id: string, error: ApiError): void;
  recordDeviceClear(clear: Omit<DeviceClear, 'id'>): DeviceClear;
  listDeviceClears(deviceId: string): DeviceClear[];
  /** Insert or update the users read from a device (users since deleted on the device are kept). */
  upsertDeviceUsers(deviceSerial: string, users: readonly DeviceUser[]): void;
  listDeviceUsers(deviceSerial: string): DeviceUser[];
}

const StoredConfigSchema = DeviceInputSchema.omit({ commKey: true });

interface DeviceRow {
  id: string;
  config: string;
  serial_number: string | null;
  last_read_at: string | null;
  last_error: string | null;
  clock_skew_seconds: number | null;
  record_count: number | null;
  record_capacity: number | null;
}

function toDevice(row: DeviceRow): StoredDevice {
  return {
    id: row.id,
    ...StoredConfigSchema.parse(JSON.parse(row.config)),
    serialNumber: row.serial_number,
    lastReadAt: row.last_read_at,
    lastError: row.last_error ? (JSON.parse(row.last_error) as ApiError) : null,
    clockSkewSeconds: row.clock_skew_seconds,
    recordCount: row.record_count,
    recordCapacity: row.record_capacity,
  };
}

function storedConfig(config: Partial<DeviceConfig>): StoredDeviceConfig {
  const { commKey: _commKey, ...rest } = config;
  return StoredConfigSchema.parse(rest);
}

function slug(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'device';
}

export function deviceStore(db: DatabaseSync, now: Clock): DeviceStore {
  const select = db.prepare('SELECT * FROM devices WHERE id = ?');
  const selectAll = db.prepare('SELECT * FROM devices ORDER BY name COLLATE NOCASE, id');
  const idTaken = db.prepare('SELECT 1 FROM devices WHERE id = ?');
  const insert = db.prepare('INSERT INTO devices (id, config, created_at) VALUES (?, ?, ?)');
  const updateConfig = db.prepare('UPDATE devices SET config = ? WHERE id = ?');
  const countPunches = db.prepare(`
    SELECT COUNT(*) AS count FROM punches WHERE device_serial IN (SELECT serial FROM device_serials WHERE device_id = ?)`);
  const keepName = db.prepare('UPDATE device_serials SET kept_name = ? WHERE device_id = ?');
  const remove = db.prepare('DELETE FROM devices WHERE id = ?');
  const read = db.prepare(`
    UPDATE devices SET serial_number = :serialNumber, last_read_at = :readAt, last_error = NULL,
      clock_skew_seconds = :clockSkewSeconds, record_count = :recordCount, record_capacity = :recordCapacity
    WHERE id = :id`);
  const linkSerial = db.prepare(`
    INSERT INTO device_serials (serial, device_id) VALUES (?, ?)
    ON CONFLICT (serial) DO UPDATE SET device_id = excluded.device_id`);
  const failed = db.prepare('UPDATE devices SET last_error = ? WHERE id = ?');
  const insertClear = db.prepare(`
    INSERT INTO device_clears (device_id, device_serial, cleared_at, records_read, records_committed)
    VALUES (:deviceId, :deviceSerial, :clearedAt, :recordsRead, :recordsCommitted)`);
  const selectClears = db.prepare(`
    SELECT id, device_id AS deviceId, device_serial AS deviceSerial, cleared_at AS clearedAt,
      records_read AS recordsRead, records_committed AS recordsCommitted
    FROM device_clears WHERE device_id = ? ORDER BY cleared_at, id`);
  const upsertUser = db.prepare(`
    INSERT INTO device_users (device_serial, user_id, name, privilege, card_number, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (device_serial, user_id) DO UPDATE SET
      name = excluded.name, privilege = excluded.privilege, card_number = excluded.card_number, updated_at = excluded.updated_at`);
  const selectUsers = db.prepare(`
    SELECT user_id AS userId, name, privilege, card_number AS cardNumber FROM device_users
    WHERE device_serial = ? ORDER BY user_id`);

  const getDevice = (id: string) => {
    const row = select.get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  };

  function freeId(name: string): string {
    const base = slug(name);
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!idTaken.get(id)) return id;
    }
  }

  return {
    addDevice(config) {
      const stored = storedConfig(config);
      return inTransaction(db, () => {
        const id = freeId(stored.name);
        insert.run(id, JSON.stringify(stored), now().toISOString());
        return getDevice(id)!;
      });
    },
    getDevice,
    listDevices: () => (selectAll.all() as unknown as DeviceRow[]).map(toDevice),
    updateDevice(id, changes) {
      return inTransaction(db, () => {
        const device = getDevice(id);
        if (!device) return null;
        updateConfig.run(JSON.stringify(storedConfig({ ...configOf(device), ...changes })), id);
        return getDevice(id);
      });
    },
    removeDevice(id) {
      return inTransaction(db, () => {
        const device = getDevice(id);
        if (!device) return null;
        const { count } = countPunches.get(id) as { count: number };
        keepName.run(device.name, id);
        remove.run(id);
        return { keptPunches: count };
      });
    },
    recordDeviceRead(id, info) {
      inTransaction(db, () => {
        const { changes } = read.run({ id, ...info });
        if (changes) linkSerial.run(info.serialNumber, id);
      });
    },
    recordDeviceError: (id, error) => void failed.run(JSON.stringify(error), id),
    recordDeviceClear(clear) {
      const { lastInsertRowid } = insertClear.run({ ...clear });
      return { id: Number(lastInsertRowid), ...clear };
    },
    listDeviceClears: (deviceId) => selectClears.all(deviceId).map((row) => ({ ...(row as unknown as DeviceClear) })),
    upsertDeviceUsers(deviceSerial, users) {
      assertDeviceUsers(users);
      const updatedAt = now().toISOString();
      inTransaction(db, () => {
        for (const user of users) upsertUser.run(deviceSerial, user.userId, user.name, user.privilege, user.cardNumber, updatedAt);
      });
    },
    listDeviceUsers: (deviceSerial) => selectUsers.all(deviceSerial).map((row) => ({ ...(row as unknown as DeviceUser) })),
  };
}

function configOf(device: StoredDevice): StoredDeviceConfig {
  const { id: _id, serialNumber: _s, lastReadAt: _r, lastError: _e, clockSkewSeconds: _c, recordCount: _n, recordCapacity: _p, ...config } = device;
  return config;
}

/** As for punches: a caller's bug, refused before anything is written (record-limits.ts). */
function assertDeviceUsers(users: readonly DeviceUser[]): void {
  for (const user of users) {
    const fits = userIdProblem(user.userId) === null && isWholeNumberUpTo(user.privilege, PUNCH_CODE_MAX) && isWholeNumberUpTo(user.cardNumber, CARD_NUMBER_MAX);
    if (!fits) throw new TypeError(`Not a device user: "${user.userId}", privilege ${user.privilege}, card ${user.cardNumber}`);
  }
}
