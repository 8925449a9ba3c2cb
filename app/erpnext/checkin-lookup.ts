// Is this punch in ERPNext already? Asked before sending a punch again whose last push got no
// answer: it may have been committed all the same. Employee Checkin has no unique
// index, so the journal, not ERPNext, must keep a second copy from being made.
import type { Result } from '../vocabulary';
import type { CheckinPunch } from './client';
import { isRecord } from './frappe-answer';
import { callFrappe, type CallPurpose } from './frappe-call';
import type { Transport } from './transport';

export interface FoundCheckin {
  checkinName: string;
  employee: string;
  employeeName: string | null;
}

export const LOOK_UP: CallPurpose = {
  doing: 'look up whether a punch is in ERPNext already',
  whenForbidden: 'In ERPNext give the API user the HR User role, which may read Employee and Employee Checkin.',
};

/**
 * The checkin of this punch's employee at this punch's time, whatever its log type: ERPNext v13's
 * duplicate rule ignores the log type, and a checkin at the same second is the same punch. When
 * several share that second (IN at one gate, OUT at another), the one with this punch's log type
 * and device is taken first.
 */
export async function findCheckin(transport: Transport, punch: CheckinPunch): Promise<Result<FoundCheckin | null>> {
  const employee = await employeeOf(transport, punch);
  if (!employee.ok) return employee;
  if (employee.value === null) return { ok: true, value: null };
  const called = await callFrappe(
    transport,
    {
      method: 'GET',
      path: `/api/resource/${encodeURIComponent('Employee Checkin')}`,
      query: {
        fields: JSON.stringify(['name', 'employee_name', 'log_type', 'device_id']),
        filters: JSON.stringify([
          ['employee', '=', employee.value],
          ['time', '=', punch.timestamp],
        ]),
        limit_page_length: 20,
      },
    },
    LOOK_UP,
  );
  if (!called.ok) return called;
  const data: unknown = called.value.json?.data;
  const rows = Array.isArray(data) ? data.filter(isRecord) : [];
  const best = bestMatch(rows, punch);
  if (!best) return { ok: true, value: null };
  return { ok: true, value: { checkinName: String(best.name), employee: employee.value, employeeName: typeof best.employee_name === 'string' ? best.employee_name : null } };
}

function bestMatch(rows: Record<string, unknown>[], punch: CheckinPunch): Record<string, unknown> | null {
  const score = (row: Record<string, unknown>) => ((row.log_type ?? null) === punch.logType ? 2 : 0) + (row.device_id === punch.deviceId ? 1 : 0);
  const named = rows.filter((row) => typeof row.name === 'string');
  return named.reduce<Record<string, unknown> | null>((best, row) => (best === null || score(row) > score(best) ? row : best), null);
}

/** The Employee the push named, as ERPNext resolves it from the field and value sent. */
export async function employeeOf(transport: Transport, punch: CheckinPunch): Promise<Result<string | null>> {
  const fieldname = punch.employeeFieldname ?? 'attendance_device_id';
  if (fieldname === 'name') return { ok: true, value: punch.employeeFieldValue };
  const called = await callFrappe(
    transport,
    {
      method: 'GET',
      path: '/api/resource/Employee',
      query: { fields: JSON.stringify(['name']), filters: JSON.stringify([[fieldname, '=', punch.employeeFieldValue]]), limit_page_length: 1 },
    },
    LOOK_UP,
  );
  if (!called.ok) return called;
  const row = firstRow(called.value.json?.data);
  return { ok: true, value: row && typeof row.name === 'string' ? row.name : null };
}

function firstRow(rows: unknown): Record<string, unknown> | null {
  const first: unknown = Array.isArray(rows) ? rows[0] : undefined;
  return isRecord(first) ? first : null;
}
