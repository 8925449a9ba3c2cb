// /api/resource/<DocType>[/<name>] for the doctypes a sync client touches (docs/frappe-hr.md §3.6):
// Employee (list, read, update), Shift Type (list, read, update), Employee Checkin (list, read),
// System Settings (read, System Manager only, §3.8).
import { doesNotExist, permissionDenied, routeNotFound, unhandledError, validationError } from './frappe-errors';
import type { FrappeFailure } from './frappe-failure';
import { listDocuments } from './list-query';
import type { Answer, MethodCall } from './methods';
import { requestDocumentData, isFailure } from './request';
import { EMPLOYEE_FIELDS, SHIFT_TYPE_FIELDS, permissions, type Doc, type SiteUser } from './site';
import { formatNaiveDateTime, parseNaiveDateTime } from './system-clock';

const CHECKIN_FIELDS = [
  'name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx', 'employee', 'employee_name', 'log_type',
  'shift', 'time', 'device_id', 'skip_auto_attendance', 'shift_start', 'shift_end', 'shift_actual_start', 'shift_actual_end',
  'latitude', 'longitude', 'offshift',
];
const EMPLOYEE_STATUSES = ['Active', 'Inactive', 'Suspended', 'Left'];
const ATTENDANCE_DEVICE_ID_LABEL = 'Attendance Device ID (Biometric/RF tag ID)';

export function handleResource(call: MethodCall, httpMethod: string, body: string, path: string[]): Answer {
  const [doctype = '', name] = path;
  if (path.length > 2) return notFound();
  switch (doctype) {
    case 'Employee':
      return employeeResource(call, httpMethod, body, name);
    case 'Shift Type':
      return shiftTypeResource(call, httpMethod, body, name);
    case 'Employee Checkin':
      return checkinResource(call, httpMethod, name);
    case 'System Settings':
      return systemSettingsResource(call, httpMethod, name);
    default:
      return fail(doesNotExist('DocType', doctype));
  }
}

/**
 * frappe/api/v2.py /api/v2/document/<DocType>[/<name>]: lists take `start` and `limit` (default 20)
 * and add `has_next_page`; PATCH updates like PUT.
 */
export function handleV2Document(call: MethodCall, httpMethod: string, body: string, path: string[]): Answer {
  if (path.length > 1 || httpMethod !== 'GET') return handleResource(call, httpMethod === 'PATCH' ? 'PUT' : httpMethod, body, path);
  const { start, limit, ...rest } = call.formDict;
  const pageLength = Number(limit ?? 20) || 20;
  const formDict = { ...rest, limit_start: Number(start ?? 0) || 0, limit_page_length: pageLength + 1 };
  const answer = handleResource({ ...call, formDict }, 'GET', body, path);
  if (!answer.ok) return answer;
  const rows = answer.value as Doc[];
  return { ok: true, value: rows.slice(0, pageLength), extra: { has_next_page: rows.length > pageLength } };
}

function employeeResource(call: MethodCall, httpMethod: string, body: string, name: string | undefined): Answer {
  const { site, user } = call;
  if (!permissions.readEmployees(user)) return fail(permissionDenied('Employee'));
  const visible = (employee: Doc) =>
    (permissions.readAllEmployees(user) || employee.user_id === user.user) && permissions.linkEmployee(user, String(employee.name));
  if (name === undefined) {
    if (httpMethod !== 'GET') return notFound();
    return listAnswer(listDocuments(site.employees.filter(visible), EMPLOYEE_FIELDS, call.formDict));
  }
  const employee = site.employee(name);
  if (!employee) return fail(doesNotExist('Employee', name));
  if (httpMethod === 'GET') return visible(employee) ? { ok: true, value: employee } : fail(permissionDenied('Employee'));
  if (httpMethod !== 'PUT') return notFound();
  if (!permissions.writeEmployee(user)) return fail(permissionDenied('Employee'));
  const data = requestDocumentData(call.formDict, body);
  if (isFailure(data)) return fail(data);
  const changes = employeeChanges(data);
  const invalid = validateEmployeeChanges(call, employee, changes);
  if (invalid) return fail(invalid);
  site.updateEmployee(employee, changes, user.user);
  return { ok: true, value: employee };
}

/** Document.update() takes any key; the simulator keeps the editable Employee fields. */
function employeeChanges(data: Record<string, unknown>): Doc {
  const editable = ['first_name', 'employee_number', 'status', 'company', 'department', 'designation', 'branch', 'attendance_device_id', 'user_id', 'default_shift'];
  const changes: Doc = {};
  for (const field of editable) {
    if (!(field in data)) continue;
    const value = data[field];
    // An empty Data value is stored as NULL, so several employees may have none.
    changes[field] = value === null || value === undefined || value === '' ? null : String(value);
  }
  return changes;
}

function validateEmployeeChanges(call: MethodCall, employee: Doc, changes: Doc): FrappeFailure | undefined {
  const status = changes.status;
  if (status !== undefined && !EMPLOYEE_STATUSES.includes(String(status))) {
    const options = EMPLOYEE_STATUSES.join('", "');
    return validationError(`Status cannot be "${status}". It should be one of "${options}"`, 'ValidationError', 'frappe.exceptions', 'Invalid Option');
  }
  const deviceId = changes.attendance_device_id;
  if (deviceId !== undefined && deviceId !== null) {
    const holder = call.site.findEmployeeBy('attendance_device_id', String(deviceId));
    if (holder && holder !== employee) return uniqueViolation(String(employee.name), String(deviceId));
  }
  return undefined;
}

/** BaseDocument.show_unique_validation_message: a msgprint, then UniqueValidationError (417). */
function uniqueViolation(name: string, value: string): FrappeFailure {
  const integrity = `IntegrityError(1062, "Duplicate entry '${value}' for key 'attendance_device_id'")`;
  return {
    status: 417,
    excType: 'UniqueValidationError',
    excPath: 'frappe.exceptions.UniqueValidationError',
    exceptionText: `('Employee', '${name}', ${integrity})`,
    messages: [{ message: `${ATTENDANCE_DEVICE_ID_LABEL} must be unique`, raised: false }],
  };
}

function shiftTypeResource(call: MethodCall, httpMethod: string, body: string, name: string | undefined): Answer {
  const { site, user } = call;
  if (!permissions.readShiftTypes(user)) return fail(permissionDenied('Shift Type'));
  if (name === undefined) {
    if (httpMethod !== 'GET') return notFound();
    return listAnswer(listDocuments(site.shiftTypes, SHIFT_TYPE_FIELDS, call.formDict));
  }
  const shiftType = site.shiftType(name);
  if (!shiftType) return fail(doesNotExist('Shift Type', name));
  if (httpMethod === 'GET') return { ok: true, value: shiftType };
  if (httpMethod !== 'PUT') return notFound();
  if (!permissions.writeShiftType(user)) return fail(permissionDenied('Shift Type'));
  const data = requestDocumentData(call.formDict, body);
  if (isFailure(data)) return fail(data);
  const changes: Doc = {};
  if ('last_sync_of_checkin' in data) {
    const text = data.last_sync_of_checkin;
    const value = text === null || text === '' ? undefined : parseNaiveDateTime(String(text));
    if (text !== null && text !== '' && !value) return fail(incorrectDatetime(String(text), 'last_sync_of_checkin'));
    changes.last_sync_of_checkin = value ? formatNaiveDateTime(value) : null;
  }
  if ('auto_update_last_sync' in data && 'auto_update_last_sync' in shiftType) changes.auto_update_last_sync = Number(data.auto_update_last_sync) ? 1 : 0;
  Object.assign(shiftType, changes, { modified: site.clock.now(), modified_by: user.user });
  return { ok: true, value: shiftType };
}

function checkinResource(call: MethodCall, httpMethod: string, name: string | undefined): Answer {
  const { store, user } = call;
  if (httpMethod !== 'GET') return notFound();
  if (!permissions.createCheckin(user)) return fail(permissionDenied('Employee Checkin'));
  const visible = (checkin: Doc) =>
    (permissions.readAllEmployees(user) || ownEmployee(call, user, checkin)) && permissions.linkEmployee(user, String(checkin.employee));
  if (name === undefined) return listAnswer(listDocuments(store.checkins.filter(visible), CHECKIN_FIELDS, call.formDict));
  const checkin = store.byName(name);
  if (!checkin) return fail(doesNotExist('Employee Checkin', name));
  return visible(checkin) ? { ok: true, value: checkin } : fail(permissionDenied('Employee Checkin'));
}

function ownEmployee(call: MethodCall, user: SiteUser, checkin: Doc): boolean {
  return call.site.employee(String(checkin.employee))?.user_id === user.user;
}

function systemSettingsResource(call: MethodCall, httpMethod: string, name: string | undefined): Answer {
  if (httpMethod !== 'GET' || (name !== undefined && name !== 'System Settings')) return notFound();
  if (!permissions.readSystemSettings(call.user)) return fail(permissionDenied('System Settings'));
  return { ok: true, value: { name: 'System Settings', doctype: 'System Settings', time_zone: call.site.clock.timeZone, language: 'en' } };
}

function incorrectDatetime(value: string, column: string): FrappeFailure {
  return unhandledError('DataError', 'pymysql.err.DataError', `(1292, "Incorrect datetime value: '${value}' for column '${column}' at row 1")`);
}

function listAnswer(rows: Doc[] | FrappeFailure): Answer {
  return Array.isArray(rows) ? { ok: true, value: rows } : fail(rows);
}

function notFound(): Answer {
  return fail(routeNotFound());
}

function fail(failure: FrappeFailure): Answer {
  return { ok: false, failure };
}
