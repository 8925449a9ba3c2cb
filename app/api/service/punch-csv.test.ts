import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Punch } from '../../vocabulary';
import { punchCsvWriter } from './punch-csv';

const refused: Punch = {
  id: 7,
  deviceSerial: 'CQZ7231460123',
  deviceId: 'dev-main-gate',
  deviceName: 'Main gate',
  userId: '1042',
  deviceTime: '2026-11-25 09:15:02',
  serverTime: '2026-11-25 09:15:02',
  punchStateCode: 4,
  verifyType: 15,
  logType: 'IN',
  state: 'rejected',
  lastError: 'Cannot create Employee Checkin for Inactive Employee <a href="/app/employee/HR-EMP-00012">HR-EMP-00012</a>',
  timeNote: null,
  employee: null,
  employeeName: '=HYPERLINK("x")',
  checkinName: null,
  attempts: 2,
  source: 'adms',
  receivedAt: '2026-11-25T03:45:10.000Z',
  syncedAt: null,
};

function exported(punch: Punch, zone: string): Record<string, string> {
  const csv = punchCsvWriter(zone);
  return (parse(`${csv.header}\r\n${csv.row(punch)}\r\n`, { columns: true }) as Record<string, string>[])[0]!;
}

describe('a punch as a CSV row', () => {
  it('writes states, keys, methods and sources as the punch list words them, and ERPNext\'s text without its markup', () => {
    expect(exported(refused, 'Asia/Kolkata')).toMatchObject({
      State: 'Refused by ERPNext',
      'Log type': 'IN',
      'Key pressed': 'Overtime in',
      'Verified by': 'Face',
      'How it arrived': 'Pushed by the device (ADMS)',
      Reason: 'Cannot create Employee Checkin for Inactive Employee HR-EMP-00012',
      Employee: '',
      'Employee name': '\'=HYPERLINK("x")',
    });
    expect(exported({ ...refused, punchStateCode: 9, verifyType: 3, logType: null }, 'UTC')).toMatchObject({ 'Key pressed': 'Key 9', 'Verified by': 'Other (3)', 'Log type': '' });
  });

  it('writes the times Punchbridge recorded in the zone its header names', () => {
    expect(exported(refused, 'Asia/Kolkata')).toMatchObject({ 'Received (Asia/Kolkata)': '2026-11-25 09:15:10', 'Sent to ERPNext (Asia/Kolkata)': '', 'Device time': '2026-11-25 09:15:02' });
    expect(exported({ ...refused, syncedAt: '2026-11-25T23:30:00.000Z' }, 'Europe/Berlin')['Sent to ERPNext (Europe/Berlin)']).toBe('2026-11-26 00:30:00');
  });
});
