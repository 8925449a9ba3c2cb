// The classifier on bodies shaped exactly as Frappe
// sends them (docs/frappe-hr.md §2.1, §3.4, §3.5).
import { describe, expect, it } from 'vitest';
import { classifyCheckinAnswer, pushEffect, type PushOutcome, type SentCheckin } from './checkin-outcome';
import { parseRetryAfter, readFrappeAnswer } from './frappe-answer';

const sent: SentCheckin = { employeeFieldValue: '42', employeeFieldname: 'attendance_device_id', timestamp: '2026-11-25 08:01:07', deviceId: 'gate' };

function classify(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): PushOutcome {
  return classifyCheckinAnswer(readFrappeAnswer({ status, headers, body }), sent);
}

/** `_server_messages`: a JSON string of a list of JSON strings, each a message object. */
function serverMessages(...messages: string[]): string {
  return JSON.stringify(messages.map((message) => JSON.stringify({ message, title: 'Message', indicator: 'red', raise_exception: 1 })));
}

function frappeError(excType: string, message: string): string {
  return JSON.stringify({
    exc_type: excType,
    exception: `frappe.exceptions.${excType}: ${message}`,
    exc: JSON.stringify([`Traceback (most recent call last):\n  File "apps/frappe/frappe/app.py", line 114\nfrappe.exceptions.${excType}: ${message}\n`]),
    _server_messages: serverMessages(message),
  });
}

/** The error an outcome carries; every outcome but an acceptance has one. */
function errorOf(outcome: PushOutcome): { code: string; message: string; action: string } {
  if (!('error' in outcome)) throw new Error(`No error in a ${outcome.kind} outcome`);
  return outcome.error;
}

const checkinDoc = {
  name: 'EMP-CKIN-11-2026-000007',
  owner: 'sync@example.com',
  creation: '2026-11-25 08:05:00.123456',
  docstatus: 0,
  idx: 0,
  doctype: 'Employee Checkin',
  employee: 'HR-EMP-00042',
  employee_name: 'Asha Rao',
  log_type: 'IN',
  time: '2026-11-25 08:01:07',
  device_id: 'gate',
  skip_auto_attendance: 0,
};

describe('classifyCheckinAnswer', () => {
  it('accepts a v1 answer and keeps the checkin name and its creation stamp', () => {
    expect(classify(200, JSON.stringify({ message: checkinDoc }))).toEqual({
      kind: 'accepted',
      checkinName: 'EMP-CKIN-11-2026-000007',
      createdAt: '2026-11-25 08:05:00',
      employee: 'HR-EMP-00042',
      employeeName: 'Asha Rao',
    });
  });

  it('accepts a v2 answer, which wraps the document in data', () => {
    expect(classify(200, JSON.stringify({ data: checkinDoc }))).toMatchObject({ kind: 'accepted', checkinName: 'EMP-CKIN-11-2026-000007' });
  });

  it('reports the time trap when ERPNext saved its own time instead of the punch time', () => {
    const outcome = classify(200, JSON.stringify({ message: { ...checkinDoc, time: '2026-11-25 10:14:52.381920' } }));
    expect(outcome).toMatchObject({ kind: 'time-trap', checkinName: 'EMP-CKIN-11-2026-000007', savedTime: '2026-11-25 10:14:52' });
    expect(outcome.kind === 'time-trap' && outcome.error.action).toContain('HR User or HR Manager');
    expect(pushEffect(outcome)).toBe('stop');
  });

  it('reads a duplicate from the exact double-encoded body and links the checkin already there', () => {
    const body =
      '{"exc_type": "ValidationError", "_server_messages": "[\\"{\\\\\\"message\\\\\\": \\\\\\"This employee already has a log with the same timestamp.<Br><a href=\\\\\\\\\\\\\\"/app/employee-checkin/EMP-CKIN-11-2026-000003\\\\\\\\\\\\\\">Employee Checkin EMP-CKIN-11-2026-000003</a>\\\\\\", \\\\\\"title\\\\\\": \\\\\\"Message\\\\\\", \\\\\\"indicator\\\\\\": \\\\\\"red\\\\\\", \\\\\\"raise_exception\\\\\\": 1}\\"]"}';
    const outcome = classify(417, body);
    expect(outcome).toMatchObject({ kind: 'duplicate', existingCheckin: 'EMP-CKIN-11-2026-000003' });
    expect(outcome.kind === 'duplicate' && outcome.serverMessage).toBe(
      'This employee already has a log with the same timestamp. Employee Checkin EMP-CKIN-11-2026-000003',
    );
    expect(pushEffect(outcome)).toBe('synced');
  });

  it('tells a translated duplicate by the link to the existing checkin', () => {
    const arabic = 'هذا الموظف لديه بالفعل سجل بنفس الطابع الزمني.<Br><a href="/app/employee-checkin/EMP-CKIN-11-2026-000004">Employee Checkin EMP-CKIN-11-2026-000004</a>';
    expect(classify(417, frappeError('ValidationError', arabic))).toMatchObject({ kind: 'duplicate', existingCheckin: 'EMP-CKIN-11-2026-000004' });
  });

  it('tells an unknown device user, in English or by the field-and-value tail', () => {
    const english = "No Employee found for the given employee field value. 'attendance_device_id': 42";
    expect(classify(417, frappeError('ValidationError', english))).toMatchObject({ kind: 'no-employee', serverMessage: english });
    const translated = "Aucun employé trouvé pour la valeur de champ donnée. 'attendance_device_id': 42";
    const outcome = classify(417, frappeError('ValidationError', translated));
    expect(outcome.kind).toBe('no-employee');
    expect(pushEffect(outcome)).toBe('unmatched');
  });

  it('tells an inactive employee by exc_type', () => {
    const outcome = classify(417, frappeError('InactiveEmployeeStatusError', 'Transactions cannot be created for an Inactive Employee <a href="/app/employee/HR-EMP-00042">HR-EMP-00042</a>.'));
    expect(outcome.kind).toBe('inactive-employee');
    expect(pushEffect(outcome)).toBe('rejected');
  });

  it('tells a shift that needs a log type and names the shift', () => {
    const outcome = classify(417, frappeError('ValidationError', 'Log Type is required for check-ins falling in the shift: Night Shift.'));
    expect(outcome).toMatchObject({ kind: 'log-type-required', shift: 'Night Shift' });
    expect(outcome.kind === 'log-type-required' && outcome.error.message).toContain('Night Shift');
  });

  it('tells geolocation errors: coordinates missing, or too far from the shift location', () => {
    expect(classify(417, frappeError('ValidationError', 'Latitude and longitude values are required for checking in.')).kind).toBe('geolocation-required');
    const far = classify(417, frappeError('CheckinRadiusExceededError', 'You must be within 50 meters of your shift location to check in.'));
    expect(far.kind).toBe('geolocation-required');
    expect(far.kind === 'geolocation-required' && far.error.message).toContain('within 50 meters');
  });

  it('keeps the exact text of any other validation error', () => {
    const text = 'Log Type cannot be "BREAK". It should be one of "", "IN", "OUT"';
    expect(classify(417, frappeError('ValidationError', text))).toMatchObject({ kind: 'validation', serverMessage: text });
  });

  it('classifies by status before the body: 401, 403, 429, 5xx', () => {
    expect(classify(401, JSON.stringify({ exc_type: 'AuthenticationError' })).kind).toBe('bad-credentials');
    const forbidden = classify(403, JSON.stringify({ exc_type: 'PermissionError', _error_message: 'Insufficient Permission for Employee Checkin' }));
    expect(forbidden).toMatchObject({ kind: 'no-permission', serverMessage: 'Insufficient Permission for Employee Checkin' });
    expect(forbidden.kind === 'no-permission' && forbidden.error.action).toContain('HR User');
    expect(classify(429, '{}', { 'retry-after': '30' })).toMatchObject({ kind: 'rate-limited', retryAfterMs: 30_000 });
    const typeError = JSON.stringify({ exc_type: 'TypeError', exception: 'TypeError: add_log_based_on_employee_field() missing 2 required positional arguments' });
    expect(classify(500, typeError).kind).toBe('transient');
    expect(classify(503, frappeError('SessionStopped', 'Session Stopped')).kind).toBe('transient');
  });

  it('treats an HTML error page as transient, and a 200 web page too', () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>';
    expect(classify(502, page, { 'content-type': 'text/html' }).kind).toBe('transient');
    expect(classify(500, '<html><head><title>500 Internal Server Error</title></head></html>', { 'content-type': 'text/html' }).kind).toBe('transient');
    const outcome = classify(200, '<html><body>Login</body></html>', { 'content-type': 'text/html; charset=utf-8' });
    expect(outcome.kind).toBe('transient');
    expect(outcome.kind === 'transient' && outcome.error.message).toContain('web page');
  });

  it('tells a missing endpoint from a 417 "Failed to get method" or a 404', () => {
    const missing = 'Failed to get method for command hrms.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field with No module named \'hrms\'';
    expect(classify(417, frappeError('ValidationError', missing)).kind).toBe('endpoint-missing');
    expect(classify(404, JSON.stringify({ exc_type: 'DoesNotExistError' })).kind).toBe('endpoint-missing');
  });

  it('calls a proxy\'s 502 or 504 in doubt: the checkin may have been committed before the proxy gave up', () => {
    const page = (title: string) => `<html>\r\n<head><title>${title}</title></head>\r\n<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`;
    for (const [status, title] of [[502, '502 Bad Gateway'], [504, '504 Gateway Time-out']] as const) {
      const outcome = classify(status, page(title), { 'content-type': 'text/html' });
      expect(outcome).toMatchObject({ kind: 'transient', inDoubt: true });
      expect(errorOf(outcome).message).toContain(title);
    }
    expect(classify(500, frappeError('OperationalError', 'Lost connection'))).toMatchObject({ kind: 'transient', inDoubt: false });
  });

  it('tells a DoesNotExistError raised inside the method from a path that names no method', () => {
    const inside = classify(404, frappeError('DoesNotExistError', 'Shift Type Night Shift not found'));
    expect(inside).toMatchObject({ kind: 'validation', serverMessage: 'Shift Type Night Shift not found' });
    expect(pushEffect(inside)).toBe('rejected');
    expect(classify(404, JSON.stringify({ exc_type: 'DoesNotExistError' })).kind).toBe('endpoint-missing');
  });

  it('calls a 301 or 308 a wrong address that stops pushing, not a validation error', () => {
    for (const status of [301, 308]) {
      const outcome = classify(status, '<html><head><title>301 Moved Permanently</title></head></html>', { 'content-type': 'text/html', location: 'https://erp.example.com/api/method/x' });
      expect(outcome).toMatchObject({ kind: 'redirected', location: 'https://erp.example.com/api/method/x' });
      expect(errorOf(outcome).action).toContain('https://erp.example.com');
      expect(pushEffect(outcome)).toBe('stop');
    }
  });

  it('calls a 408 a request to send again, nothing created and nothing in doubt', () => {
    const outcome = classify(408, '<html><head><title>408 Request Time-out</title></head></html>', { 'content-type': 'text/html' });
    expect(outcome).toMatchObject({ kind: 'transient', inDoubt: false });
    expect(pushEffect(outcome)).toBe('retry');
  });

  it('names a proxy\'s or firewall\'s own page as such, by its title', () => {
    const outcome = classify(403, '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>Sorry, you have been blocked</body></html>', {
      'content-type': 'text/html; charset=UTF-8',
    });
    expect(outcome.kind).toBe('proxy-page');
    expect(errorOf(outcome).message).toContain('proxy or firewall');
    expect(errorOf(outcome).message).toContain('Attention Required! | Cloudflare');
    expect(pushEffect(outcome)).toBe('stop');
  });

  it('reads the v2 error shape', () => {
    const body = JSON.stringify({ errors: [{ type: 'InactiveEmployeeStatusError', message: 'Transactions cannot be created for an Inactive Employee HR-EMP-00042.' }] });
    expect(classify(417, body).kind).toBe('inactive-employee');
  });

  it('falls back to `exception` when tracebacks are on but no message list came', () => {
    const body = JSON.stringify({ exc_type: 'ValidationError', exception: 'frappe.exceptions.ValidationError: This employee already has a log with the same timestamp.' });
    expect(classify(417, body).kind).toBe('duplicate');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('2026-11-25T09:00:00Z');
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:45 GMT', () => now)).toBe(45_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
