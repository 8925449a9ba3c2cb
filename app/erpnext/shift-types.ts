// Shift Types and their `last_sync_of_checkin`: HRMS auto attendance only handles checkins of shifts
// that ended before that time (docs/frappe-hr.md §1.8). Since hrms PR #2513 a Shift Type can set
// `auto_update_last_sync` and the server keeps the value itself, so we leave those alone.
import type { Result, ShiftTypeSummary } from '../vocabulary';
import { isRecord } from './frappe-answer';
import { callFrappe, type CallPurpose } from './frappe-call';
import type { Transport } from './transport';

const READ_SHIFTS: CallPurpose = {
  doing: 'read Shift Types',
  whenForbidden: 'In ERPNext give the API user the HR User role, which can read and write Shift Type.',
};

export async function listShiftTypes(transport: Transport): Promise<Result<ShiftTypeSummary[]>> {
  // `["*"]` rather than named fields: `auto_update_last_sync` only exists on builds from 2025 on,
  // and naming a missing column makes Frappe refuse the whole query.
  const called = await callFrappe(
    transport,
    { method: 'GET', path: '/api/resource/Shift Type', query: { fields: JSON.stringify(['*']), limit_page_length: 0, order_by: 'name asc' } },
    READ_SHIFTS,
  );
  if (!called.ok) return called;
  const rows = called.value.json?.data;
  return { ok: true, value: Array.isArray(rows) ? rows.filter(isRecord).map(toShiftTypeSummary) : [] };
}

export type ShiftSyncUpdate = 'updated' | 'skipped';

/** Set `last_sync_of_checkin` (server time, `YYYY-MM-DD HH:mm:ss`) unless the server keeps it itself. */
export async function setShiftLastSync(transport: Transport, name: string, serverTime: string): Promise<Result<ShiftSyncUpdate>> {
  const path = `/api/resource/Shift Type/${encodeURIComponent(name)}`;
  const read = await callFrappe(transport, { method: 'GET', path }, { ...READ_SHIFTS, doing: `read Shift Type ${name}` });
  if (!read.ok) return read;
  const doc = read.value.json?.data;
  if (isRecord(doc) && isChecked(doc.auto_update_last_sync)) return { ok: true, value: 'skipped' };
  const written = await callFrappe(
    transport,
    { method: 'PUT', path, body: { last_sync_of_checkin: serverTime } },
    { ...READ_SHIFTS, doing: `update the last sync time of Shift Type ${name}` },
  );
  return written.ok ? { ok: true, value: 'updated' } : written;
}

function toShiftTypeSummary(row: Record<string, unknown>): ShiftTypeSummary {
  return {
    name: String(row.name ?? ''),
    lastSyncOfCheckin: typeof row.last_sync_of_checkin === 'string' ? row.last_sync_of_checkin.slice(0, 19) : null,
    autoUpdateLastSync: isChecked(row.auto_update_last_sync),
  };
}

/** Frappe Check fields come as 0/1, sometimes as strings. */
function isChecked(value: unknown): boolean {
  return value === 1 || value === '1' || value === true;
}
