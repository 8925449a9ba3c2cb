// The checkins ERPNext saved for a punch's employee from its device, with its log type, between two
// times: where the time trap (docs/frappe-hr.md §0.5) would have put a punch whose push got no
// answer. Such a checkin carries the server's clock, not the punch time, so the lookup by the
// punch's own time cannot find it.
import type { Result } from '../vocabulary';
import type { CheckinPunch } from './client';
import { employeeOf, LOOK_UP } from './checkin-lookup';
import { isRecord } from './frappe-answer';
import { callFrappe } from './frappe-call';
import type { Transport } from './transport';

export interface SavedCheckin {
  checkinName: string;
  employee: string;
  /** `YYYY-MM-DD HH:mm:ss` in the server's zone, as saved. */
  savedTime: string;
}

/** Between `from` and `to` (server wall-clock times, both included), earliest first. */
export async function findCheckinsSavedBetween(transport: Transport, punch: CheckinPunch, from: string, to: string): Promise<Result<SavedCheckin[]>> {
  const employee = await employeeOf(transport, punch);
  if (!employee.ok) return employee;
  const employeeName = employee.value;
  if (employeeName === null) return { ok: true, value: [] };
  const called = await callFrappe(
    transport,
    {
      method: 'GET',
      path: `/api/resource/${encodeURIComponent('Employee Checkin')}`,
      query: {
        fields: JSON.stringify(['name', 'time']),
        filters: JSON.stringify([
          ['employee', '=', employeeName],
          ['time', '>=', from],
          ['time', '<=', to],
          punch.deviceId ? ['device_id', '=', punch.deviceId] : ['device_id', 'is', 'not set'],
          punch.logType ? ['log_type', '=', punch.logType] : ['log_type', 'is', 'not set'],
        ]),
        order_by: 'time asc',
        limit_page_length: 20,
      },
    },
    LOOK_UP,
  );
  if (!called.ok) return called;
  const data: unknown = called.value.json?.data;
  const rows = Array.isArray(data) ? data.filter(isRecord) : [];
  const saved = rows.filter((row) => typeof row.name === 'string' && typeof row.time === 'string');
  return {
    ok: true,
    value: saved.map((row) => ({ checkinName: String(row.name), employee: employeeName, savedTime: String(row.time).replace('T', ' ').slice(0, 19) })),
  };
}
