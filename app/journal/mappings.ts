// Local employee mappings: a device user id, on one device or on all, is this ERPNext employee.
import type { DatabaseSync } from 'node:sqlite';
import type { EmployeeMapping } from '../api/contract';
import type { Clock } from './rows';
import { inTransaction } from './transaction';
import type { MappedEmployee } from './types';

export interface MappingStore {
  /** Create or replace the mapping of `userId` on `deviceId` (null: every device). */
  setMapping(mapping: Omit<EmployeeMapping, 'createdAt'>): EmployeeMapping;
  removeMapping(userId: string, deviceId: string | null): boolean;
  listMappings(): EmployeeMapping[];
  /** The employee for a device user: a mapping for that device wins over one for all devices. */
  resolveEmployee(userId: string, deviceId: string | null): MappedEmployee | null;
}

const MAPPING_COLUMNS = `user_id AS userId, device_id AS deviceId, employee, employee_name AS employeeName, created_at AS createdAt`;

export function mappingStore(db: DatabaseSync, now: Clock): MappingStore {
  const upsert = db.prepare(`
    INSERT INTO employee_mappings (user_id, device_id, employee, employee_name, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (user_id, ifnull(device_id, '')) DO UPDATE SET
      employee = excluded.employee, employee_name = excluded.employee_name, created_at = excluded.created_at`);
  const rememberEmployee = db.prepare(`
    INSERT INTO employees (employee, employee_name) VALUES (?, ?)
    ON CONFLICT (employee) DO UPDATE SET employee_name = COALESCE(excluded.employee_name, employee_name)`);
  const selectOne = db.prepare(`SELECT ${MAPPING_COLUMNS} FROM employee_mappings WHERE user_id = ? AND ifnull(device_id, '') = ?`);
  const remove = db.prepare(`DELETE FROM employee_mappings WHERE user_id = ? AND ifnull(device_id, '') = ?`);
  const selectAll = db.prepare(`SELECT ${MAPPING_COLUMNS} FROM employee_mappings ORDER BY user_id, device_id`);
  const resolve = db.prepare(`
    SELECT employee, employee_name AS employeeName FROM employee_mappings
    WHERE user_id = :userId AND (device_id = :deviceId OR device_id IS NULL)
    ORDER BY device_id IS NULL LIMIT 1`);

  return {
    setMapping(mapping) {
      return inTransaction(db, () => {
        upsert.run(mapping.userId, mapping.deviceId, mapping.employee, mapping.employeeName, now().toISOString());
        rememberEmployee.run(mapping.employee, mapping.employeeName);
        return { ...(selectOne.get(mapping.userId, mapping.deviceId ?? '') as unknown as EmployeeMapping) };
      });
    },
    removeMapping: (userId, deviceId) => Number(remove.run(userId, deviceId ?? '').changes) > 0,
    listMappings: () => selectAll.all().map((row) => ({ ...(row as unknown as EmployeeMapping) })),
    resolveEmployee(userId, deviceId) {
      const row = resolve.get({ userId, deviceId }) as MappedEmployee | undefined;
      return row ? { ...row } : null;
    },
  };
}
