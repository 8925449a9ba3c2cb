// Local employee mappings: a device user id, on one device or on all, is this ERPNext employee.
import type { DatabaseSync } from 'node:sqlite';
import type { EmployeeMapping } from '../vocabulary';
import type { Clock } from './rows';
import { inTransaction } from './transaction';
import type { MappedEmployee } from './types';

/** A link written into ERPNext as the employee's Attendance Device ID, and the value it replaced. */
export interface ErpnextLink {
  employee: string;
  previousDeviceId: string | null;
}

export interface MappingStore {
  /**
   * Create or replace the mapping of `userId` on `deviceId` (null: every device). With `erpnext`,
   * the link lives in ERPNext and is recorded here to be shown and undone; pushes leave the
   * matching to ERPNext then.
   */
  setMapping(mapping: Omit<EmployeeMapping, 'createdAt' | 'inErpnext'> & { erpnext?: { previousDeviceId: string | null } }): EmployeeMapping;
  /** The ERPNext side of a mapping made with "Save to ERPNext"; null for a Punchbridge-only one. */
  erpnextLinkOf(userId: string, deviceId: string | null): ErpnextLink | null;
  removeMapping(userId: string, deviceId: string | null): boolean;
  listMappings(): EmployeeMapping[];
  /** The employee for a device user: a mapping for that device wins over one for all devices. */
  resolveEmployee(userId: string, deviceId: string | null): MappedEmployee | null;
}

const MAPPING_COLUMNS = `user_id AS userId, device_id AS deviceId, employee, employee_name AS employeeName, created_at AS createdAt, in_erpnext AS inErpnext`;

export function mappingStore(db: DatabaseSync, now: Clock): MappingStore {
  const upsert = db.prepare(`
    INSERT INTO employee_mappings (user_id, device_id, employee, employee_name, created_at, in_erpnext, erpnext_previous_device_id) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id, ifnull(device_id, '')) DO UPDATE SET
      employee = excluded.employee, employee_name = excluded.employee_name, created_at = excluded.created_at,
      in_erpnext = excluded.in_erpnext, erpnext_previous_device_id = excluded.erpnext_previous_device_id`);
  const selectErpnextLink = db.prepare(`
    SELECT employee, erpnext_previous_device_id AS previousDeviceId FROM employee_mappings
    WHERE user_id = ? AND ifnull(device_id, '') = ? AND in_erpnext = 1`);
  const rememberEmployee = db.prepare(`
    INSERT INTO employees (employee, employee_name) VALUES (?, ?)
    ON CONFLICT (employee) DO UPDATE SET employee_name = COALESCE(excluded.employee_name, employee_name)`);
  const selectOne = db.prepare(`SELECT ${MAPPING_COLUMNS} FROM employee_mappings WHERE user_id = ? AND ifnull(device_id, '') = ?`);
  const remove = db.prepare(`DELETE FROM employee_mappings WHERE user_id = ? AND ifnull(device_id, '') = ?`);
  const selectAll = db.prepare(`SELECT ${MAPPING_COLUMNS} FROM employee_mappings ORDER BY user_id, device_id`);
  const resolve = db.prepare(`
    SELECT employee, employee_name AS employeeName FROM employee_mappings
    WHERE user_id = :userId AND (device_id = :deviceId OR device_id IS NULL) AND in_erpnext = 0
    ORDER BY device_id IS NULL LIMIT 1`);

  return {
    setMapping(mapping) {
      return inTransaction(db, () => {
        const inErpnext = mapping.erpnext ? 1 : 0;
        upsert.run(mapping.userId, mapping.deviceId, mapping.employee, mapping.employeeName, now().toISOString(), inErpnext, mapping.erpnext?.previousDeviceId ?? null);
        rememberEmployee.run(mapping.employee, mapping.employeeName);
        return toMapping(selectOne.get(mapping.userId, mapping.deviceId ?? ''));
      });
    },
    erpnextLinkOf(userId, deviceId) {
      const row = selectErpnextLink.get(userId, deviceId ?? '') as ErpnextLink | undefined;
      return row ? { ...row } : null;
    },
    removeMapping: (userId, deviceId) => Number(remove.run(userId, deviceId ?? '').changes) > 0,
    listMappings: () => selectAll.all().map(toMapping),
    resolveEmployee(userId, deviceId) {
      const row = resolve.get({ userId, deviceId }) as MappedEmployee | undefined;
      return row ? { ...row } : null;
    },
  };
}

function toMapping(row: unknown): EmployeeMapping {
  const mapping = row as Omit<EmployeeMapping, 'inErpnext'> & { inErpnext: number };
  return { ...mapping, inErpnext: mapping.inErpnext === 1 };
}
