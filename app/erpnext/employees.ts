// Employees, read and matched through /api/resource/Employee (docs/frappe-hr.md §3.6, §2.3).
import type { EmployeeSummary, Result } from '../vocabulary';
import { isRecord } from './frappe-answer';
import { callFrappe, type CallPurpose } from './frappe-call';
import type { Transport } from './transport';

const EMPLOYEE_FIELDS = ['name', 'employee_name', 'attendance_device_id', 'status', 'company', 'department', 'branch'];

export interface EmployeeListQuery {
  start: number;
  pageLength: number;
  /** Part of a name, an employee id or an attendance device id. */
  search?: string;
  /** 'Active', 'Inactive', 'Suspended' or 'Left'. */
  status?: string;
}

const READ_EMPLOYEES: CallPurpose = {
  doing: 'read the Employee list',
  whenForbidden: 'In ERPNext give the API user a role that can read Employee, such as HR User.',
};

export async function listEmployees(transport: Transport, query: EmployeeListQuery): Promise<Result<EmployeeSummary[]>> {
  const search = query.search?.trim();
  const params: Record<string, string | number> = {
    fields: JSON.stringify(EMPLOYEE_FIELDS),
    limit_start: query.start,
    limit_page_length: query.pageLength,
    order_by: 'name asc',
  };
  if (query.status) params.filters = JSON.stringify([['status', '=', query.status]]);
  if (search) {
    const like = `%${search}%`;
    params.or_filters = JSON.stringify([
      ['name', 'like', like],
      ['employee_name', 'like', like],
      ['attendance_device_id', 'like', like],
    ]);
  }
  const called = await callFrappe(transport, { method: 'GET', path: '/api/resource/Employee', query: params }, READ_EMPLOYEES);
  if (!called.ok) return called;
  const rows = called.value.json?.data;
  return { ok: true, value: Array.isArray(rows) ? rows.filter(isRecord).map(toEmployeeSummary) : [] };
}

/**
 * Every value of `fieldname` among the employees the API user may read, whatever their status:
 * add_log_based_on_employee_field finds inactive employees too, and refuses them itself.
 */
export async function listEmployeeFieldValues(transport: Transport, fieldname: string): Promise<Result<Set<string>>> {
  const called = await callFrappe(
    transport,
    { method: 'GET', path: '/api/resource/Employee', query: { fields: JSON.stringify([fieldname]), limit_page_length: 0 } },
    READ_EMPLOYEES,
  );
  if (!called.ok) return called;
  const rows = called.value.json?.data;
  const values = new Set<string>();
  if (Array.isArray(rows)) for (const row of rows) if (isRecord(row) && row[fieldname] != null && row[fieldname] !== '') values.add(String(row[fieldname]));
  return { ok: true, value: values };
}

/** By name, employee id or device id; exact device-id and id matches first. */
export async function searchEmployees(transport: Transport, text: string, limit: number): Promise<Result<EmployeeSummary[]>> {
  const listed = await listEmployees(transport, { start: 0, pageLength: limit, search: text });
  if (!listed.ok) return listed;
  const wanted = text.trim().toLowerCase();
  const rank = (employee: EmployeeSummary) =>
    employee.attendanceDeviceId?.toLowerCase() === wanted || employee.name.toLowerCase() === wanted ? 0 : 1;
  return { ok: true, value: [...listed.value].sort((a, b) => rank(a) - rank(b)) };
}

/** Set an employee's Attendance Device ID; the field is unique, so a clash names the other holder. */
export async function setAttendanceDeviceId(transport: Transport, employee: string, value: string): Promise<Result<EmployeeSummary>> {
  const called = await callFrappe(
    transport,
    { method: 'PUT', path: `/api/resource/Employee/${encodeURIComponent(employee)}`, body: { attendance_device_id: value } },
    {
      doing: `change employee ${employee}`,
      whenForbidden: 'In ERPNext give the API user a role that can write Employee (HR User or HR Manager), or map the user in Punchbridge only.',
    },
  );
  if (called.ok) {
    const doc = called.value.json?.data;
    return isRecord(doc) ? { ok: true, value: toEmployeeSummary(doc) } : { ok: false, error: unexpected(employee) };
  }
  const answer = called.answer;
  const isUniqueClash = answer?.excType === 'UniqueValidationError' || answer?.messages.some((text) => /must be unique|already exists/i.test(text));
  if (answer?.status !== 417 || !isUniqueClash) return called;
  return { ok: false, error: await deviceIdTakenError(transport, employee, value) };
}

async function deviceIdTakenError(transport: Transport, employee: string, value: string) {
  // Frappe's unique message names the field, not the employee that holds the value: ask.
  const holder = await callFrappe(
    transport,
    {
      method: 'GET',
      path: '/api/resource/Employee',
      query: { fields: JSON.stringify(['name', 'employee_name']), filters: JSON.stringify([['attendance_device_id', '=', value]]), limit_page_length: 1 },
    },
    READ_EMPLOYEES,
  );
  const row = holder.ok && Array.isArray(holder.value.json?.data) ? holder.value.json.data[0] : undefined;
  const who = isRecord(row) && typeof row.name === 'string' ? `${row.name}${typeof row.employee_name === 'string' ? ` (${row.employee_name})` : ''}` : 'another employee';
  return {
    code: 'erpnext-device-id-taken',
    message: `Attendance Device ID ${value} already belongs to ${who}, so it cannot be given to ${employee}.`,
    action: `Clear the Attendance Device ID of ${who} in ERPNext first, or choose another employee.`,
  };
}

function unexpected(employee: string) {
  return {
    code: 'erpnext-unexpected-answer',
    message: `ERPNext accepted the change to ${employee} but did not send the employee back.`,
    action: 'Open the employee in ERPNext to check the Attendance Device ID.',
  };
}

function toEmployeeSummary(row: Record<string, unknown>): EmployeeSummary {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    name: String(row.name ?? ''),
    employeeName: text(row.employee_name) ?? String(row.name ?? ''),
    attendanceDeviceId: text(row.attendance_device_id),
    status: text(row.status) ?? 'Active',
    company: text(row.company),
    department: text(row.department),
    branch: text(row.branch),
  };
}
