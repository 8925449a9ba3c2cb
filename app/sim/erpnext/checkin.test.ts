import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultUsers, seedEmployees, type EmployeeSeed } from './options';
import { startErpnextSimulator, type ErpnextSimulator } from './index';
import { ERPNEXT_PATH, HRMS_PATH, JSON_HEADERS, firstMessage, postJson, request, serverMessages } from './test-support';

const PINNED_NOW = new Date('2026-03-15T10:20:30.123Z'); // 15:50:30.123 in Asia/Kolkata

function employees(): EmployeeSeed[] {
  const seeds = seedEmployees(5);
  seeds[2]!.status = 'Inactive';
  seeds[3]!.status = 'Left';
  seeds[4]!.status = 'Suspended';
  seeds.push({ name: 'HR-EMP-00006', employee_name: 'Shift Worker', attendance_device_id: '6', default_shift: 'Strict Shift', employee_number: 'E-6' });
  seeds.push({ name: 'HR-EMP-00007', employee_name: 'Field Worker', attendance_device_id: '7', default_shift: 'Site Shift' });
  seeds.push({ name: 'HR-EMP-00008', employee_name: 'Night Worker', attendance_device_id: '8', default_shift: 'Deleted Shift' });
  return seeds;
}

const users = [
  ...defaultUsers(),
  { apiKey: 'employee-key', apiSecret: 'employee-secret', user: 'kiosk@example.com', roles: ['Employee' as const] },
  { apiKey: 'nobody-key', apiSecret: 'nobody-secret', roles: [] },
  { apiKey: 'branch-key', apiSecret: 'branch-secret', user: 'branch@example.com', roles: ['HR User' as const], allowedEmployees: ['HR-EMP-00001'] },
];

describe('add_log_based_on_employee_field, Frappe HR v15', () => {
  let sim: ErpnextSimulator;
  const checkin = (body: Record<string, unknown>, headers = JSON_HEADERS) => postJson(`${sim.url}${HRMS_PATH}`, body, headers);

  beforeAll(async () => {
    sim = await startErpnextSimulator({
      version: 15,
      users,
      employees: employees(),
      timeZone: 'Asia/Kolkata',
      clock: () => PINNED_NOW,
      shiftTypes: [
        { name: 'Strict Shift', start_time: '09:00:00', end_time: '17:00:00', determine_check_in_and_check_out: 'Strictly based on Log Type in Employee Checkin' },
        { name: 'Site Shift', start_time: '09:00:00', end_time: '17:00:00', location: { latitude: 12.9716, longitude: 77.5946, radiusMeters: 200 } },
      ],
    });
  });
  afterAll(() => sim.close());

  it('stores a checkin and answers the whole document, dropping parameters the method does not declare', async () => {
    const answer = await checkin({ employee_field_value: '1', timestamp: '2026-03-14 08:01:02', device_id: 'Gate 1', log_type: 'IN', punch: 4 });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      message: {
        name: 'EMP-CKIN-03-2026-000001',
        owner: 'sync@example.com',
        creation: '2026-03-15 15:50:30.123000',
        modified: '2026-03-15 15:50:30.123000',
        modified_by: 'sync@example.com',
        docstatus: 0,
        idx: 0,
        employee: 'HR-EMP-00001',
        employee_name: 'Employee 1',
        log_type: 'IN',
        time: '2026-03-14 08:01:02',
        device_id: 'Gate 1',
        skip_auto_attendance: 0,
        latitude: 0,
        longitude: 0,
        offshift: 0,
        doctype: 'Employee Checkin',
      },
    });
    expect(sim.checkins.at(-1)?.name).toBe('EMP-CKIN-03-2026-000001');
  });

  it('reads form-encoded bodies and names checkins from one counter', async () => {
    const form = new URLSearchParams({ employee_field_value: '2', timestamp: '2026-03-14 08:05:00' });
    const answer = await request(`${sim.url}${HRMS_PATH}`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(answer.status).toBe(200);
    expect((answer.json.message as Record<string, unknown>).name).toMatch(/^EMP-CKIN-03-2026-\d{6}$/);
    expect((answer.json.message as Record<string, unknown>).employee).toBe('HR-EMP-00002');
  });

  it('reads query-string arguments on GET, and ignores them when the body is JSON', async () => {
    const query = new URLSearchParams({ employee_field_value: '2', timestamp: '2026-03-14 06:30:00' });
    const answer = await request(`${sim.url}${HRMS_PATH}?${query.toString()}`, { headers: JSON_HEADERS });
    expect(answer.status).toBe(200);
    expect(answer.json.message).toMatchObject({ employee: 'HR-EMP-00002', time: '2026-03-14 06:30:00' });
    const jsonBody = await postJson(`${sim.url}${HRMS_PATH}?timestamp=2026-03-14%2006:31:00`, { employee_field_value: '2' });
    expect(jsonBody.json.exc_type).toBe('TypeError');
  });

  it('answers a missing parameter with Python\'s TypeError (500)', async () => {
    const answer = await checkin({ employee_field_value: '1' });
    expect(answer.status).toBe(500);
    expect(answer.json.exc_type).toBe('TypeError');
    expect(answer.json.exception).toBe("TypeError: add_log_based_on_employee_field() missing 1 required positional argument: 'timestamp'");
    expect(answer.json._server_messages).toBeUndefined();
    const both = await checkin({});
    expect(both.json.exception).toBe(
      "TypeError: add_log_based_on_employee_field() missing 2 required positional arguments: 'employee_field_value' and 'timestamp'",
    );
  });

  it('answers an empty parameter with 417 and the required message', async () => {
    const answer = await checkin({ employee_field_value: '', timestamp: '2026-03-14 08:00:00' });
    expect(answer.status).toBe(417);
    expect(answer.json.exc_type).toBe('ValidationError');
    expect(serverMessages(answer.json)).toEqual([
      expect.objectContaining({ message: "'employee_field_value' and 'timestamp' are required.", title: 'Message', indicator: 'red', raise_exception: 1 }),
    ]);
    expect(answer.json.exception).toBe("frappe.exceptions.ValidationError: 'employee_field_value' and 'timestamp' are required.");
    expect(JSON.parse(String(answer.json.exc))).toHaveLength(1);
  });

  it('reports an unknown device id with the field name and value', async () => {
    const answer = await checkin({ employee_field_value: '404', timestamp: '2026-03-14 08:00:00' });
    expect(answer.status).toBe(417);
    expect(firstMessage(answer.json)).toBe("No Employee found for the given employee field value. 'attendance_device_id': 404");
  });

  it('looks employees up by another field when employee_fieldname says so', async () => {
    const answer = await checkin({ employee_field_value: 'E-6', employee_fieldname: 'employee_number', timestamp: '2026-03-14 20:00:00' });
    expect(answer.status).toBe(200);
    expect((answer.json.message as Record<string, unknown>).employee).toBe('HR-EMP-00006');
  });

  it('rejects an Inactive employee and accepts Left and Suspended ones', async () => {
    const inactive = await checkin({ employee_field_value: '3', timestamp: '2026-03-14 08:00:00' });
    expect(inactive.status).toBe(417);
    expect(inactive.json.exc_type).toBe('InactiveEmployeeStatusError');
    expect(firstMessage(inactive.json)).toBe(
      `Transactions cannot be created for an Inactive Employee <a href="${sim.url}/app/employee/HR-EMP-00003">HR-EMP-00003</a>.`,
    );
    expect(String(inactive.json.exception)).toMatch(/^hrms\.hr\.utils\.InactiveEmployeeStatusError: Transactions cannot/);
    expect((await checkin({ employee_field_value: '4', timestamp: '2026-03-14 08:00:00' })).status).toBe(200);
    expect((await checkin({ employee_field_value: '5', timestamp: '2026-03-14 08:00:00' })).status).toBe(200);
  });

  it('rejects the same employee, time and log type, with microseconds stripped, and names the first checkin', async () => {
    const first = await checkin({ employee_field_value: '1', timestamp: '2026-03-14 09:00:00.250000', log_type: 'OUT' });
    expect(first.status).toBe(200);
    const firstName = String((first.json.message as Record<string, unknown>).name);
    expect((first.json.message as Record<string, unknown>).time).toBe('2026-03-14 09:00:00');
    const again = await checkin({ employee_field_value: '1', timestamp: '2026-03-14 09:00:00', log_type: 'OUT' });
    expect(again.status).toBe(417);
    expect(again.json.exc_type).toBe('ValidationError');
    expect(firstMessage(again.json)).toBe(
      `This employee already has a log with the same timestamp.<Br><a href="${sim.url}/app/employee-checkin/${firstName}" style="font-weight: bold;">Employee Checkin ${firstName}</a>`,
    );
    const otherLogType = await checkin({ employee_field_value: '1', timestamp: '2026-03-14 09:00:00', log_type: 'IN' });
    expect(otherLogType.status).toBe(200);
  });

  it('requires a log type inside a shift that is strictly based on it, unless auto attendance is skipped', async () => {
    const answer = await checkin({ employee_field_value: '6', timestamp: '2026-03-14 10:00:00' });
    expect(answer.status).toBe(417);
    expect(firstMessage(answer.json)).toBe('Log Type is required for check-ins falling in the shift: Strict Shift.');
    const skipped = await checkin({ employee_field_value: '6', timestamp: '2026-03-14 10:00:00', skip_auto_attendance: 1 });
    expect(skipped.status).toBe(200);
    expect(skipped.json.message).toMatchObject({ shift: 'Strict Shift', shift_start: '2026-03-14 09:00:00', shift_actual_end: '2026-03-14 18:00:00', skip_auto_attendance: 1 });
  });

  it('rejects a log type outside the select options after the controller checks', async () => {
    const answer = await checkin({ employee_field_value: '2', timestamp: '2026-03-14 11:00:00', log_type: 'BREAK' });
    expect(answer.status).toBe(417);
    expect(serverMessages(answer.json)[0]).toMatchObject({ message: 'Log Type cannot be "BREAK". It should be one of "", "IN", "OUT"', title: 'Invalid Option' });
  });

  it('answers 403 to a user with no role that may create checkins', async () => {
    const answer = await checkin({ employee_field_value: '1', timestamp: '2026-03-14 12:00:00' }, { Authorization: 'token nobody-key:nobody-secret', Accept: 'application/json' });
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ exc_type: 'PermissionError', _error_message: 'Insufficient Permission for Employee Checkin' });
  });

  it('answers 403 for an employee a User Permission keeps from the API user, and accepts the others', async () => {
    const headers = { Authorization: 'token branch-key:branch-secret', Accept: 'application/json' };
    const refused = await checkin({ employee_field_value: '2', timestamp: '2026-03-14 12:10:00' }, headers);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ exc_type: 'PermissionError', _error_message: 'Insufficient Permission for Employee Checkin' });
    expect(serverMessages(refused.json)[0]!.message).toBe(
      "You are not allowed to access this Employee Checkin record because it is linked to Employee 'HR-EMP-00002' in field Employee",
    );
    expect((await checkin({ employee_field_value: '1', timestamp: '2026-03-14 12:10:00' }, headers)).status).toBe(200);
  });

  it('answers 404 DoesNotExistError from inside the method when the employee\'s Shift Type is gone', async () => {
    const answer = await checkin({ employee_field_value: '8', timestamp: '2026-03-14 12:20:00' });
    expect(answer.status).toBe(404);
    expect(answer.json.exc_type).toBe('DoesNotExistError');
    expect(firstMessage(answer.json)).toBe('Shift Type Deleted Shift not found');
  });

  it('resets the time to the server\'s now for a user with only the Employee role (docs/frappe-hr.md §0.5)', async () => {
    const headers = { Authorization: 'token employee-key:employee-secret', Accept: 'application/json' };
    const answer = await checkin({ employee_field_value: '2', timestamp: '2026-03-01 07:00:00' }, headers);
    expect(answer.status).toBe(200);
    expect(answer.json.message).toMatchObject({ time: '2026-03-15 15:50:30', owner: 'kiosk@example.com' });
  });

  it('serves the checkin through the v2 doctype route with v2 bodies', async () => {
    const v2 = `${sim.url}/api/v2/method/Employee%20Checkin/add_log_based_on_employee_field`;
    const answer = await postJson(v2, { employee_field_value: '2', timestamp: '2026-03-14 13:00:00' });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ employee: 'HR-EMP-00002', time: '2026-03-14 13:00:00' });
    const missing = await postJson(v2, { employee_field_value: '404', timestamp: '2026-03-14 13:00:00' });
    expect(missing.status).toBe(417);
    expect(missing.json.errors).toEqual([
      expect.objectContaining({ type: 'ValidationError', message: "No Employee found for the given employee field value. 'attendance_device_id': 404", title: 'Message', indicator: 'red' }),
    ]);
  });

  it('answers the v13 erpnext path as Frappe does for a module that is gone', async () => {
    const answer = await postJson(`${sim.url}${ERPNEXT_PATH}`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00' });
    expect(answer.status).toBe(417);
    expect(firstMessage(answer.json)).toBe(
      "Failed to get method for command erpnext.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field with No module named 'erpnext.hr'",
    );
  });
});

describe('a site that hides tracebacks', () => {
  it('leaves exception and exc out of error bodies, and lists stored checkins through the resource API', async () => {
    const sim = await startErpnextSimulator({ employees: 2, tracebacks: false });
    const missing = await postJson(`${sim.url}${HRMS_PATH}`, { employee_field_value: '9', timestamp: '2026-03-14 08:00:00' });
    expect(Object.keys(missing.json)).toEqual(['exc_type', '_server_messages']);
    await postJson(`${sim.url}${HRMS_PATH}`, { employee_field_value: '2', timestamp: '2026-03-14 08:00:00' });
    const fields = encodeURIComponent(JSON.stringify(['name', 'employee', 'time']));
    const filters = encodeURIComponent(JSON.stringify([['employee', '=', 'HR-EMP-00002']]));
    const listed = await request(`${sim.url}/api/resource/Employee%20Checkin?fields=${fields}&filters=${filters}`, { headers: JSON_HEADERS });
    expect(listed.json.data).toEqual([{ name: sim.checkins[0]?.name, employee: 'HR-EMP-00002', time: '2026-03-14 08:00:00' }]);
    await sim.close();
  });
});

describe('geolocation (HR Settings allow_geolocation_tracking)', () => {
  let sim: ErpnextSimulator;
  beforeAll(async () => {
    sim = await startErpnextSimulator({
      geolocationRequired: true,
      employees: employees(),
      shiftTypes: [{ name: 'Site Shift', start_time: '09:00:00', end_time: '17:00:00', location: { latitude: 12.9716, longitude: 77.5946, radiusMeters: 200 } }],
    });
  });
  afterAll(() => sim.close());
  const checkin = (body: Record<string, unknown>) => postJson(`${sim.url}${HRMS_PATH}`, body);

  it('requires a position, and one within the shift location radius', async () => {
    const none = await checkin({ employee_field_value: '1', timestamp: '2026-03-14 10:00:00', latitude: 0, longitude: 0 });
    expect(none.status).toBe(417);
    expect(firstMessage(none.json)).toBe('Latitude and longitude values are required for checking in.');
    const far = await checkin({ employee_field_value: '7', timestamp: '2026-03-14 10:00:00', latitude: 13.0, longitude: 77.6 });
    expect(far.status).toBe(417);
    expect(far.json.exc_type).toBe('CheckinRadiusExceededError');
    expect(firstMessage(far.json)).toBe('You must be within 200 meters of your shift location to check in.');
    const near = await checkin({ employee_field_value: '7', timestamp: '2026-03-14 10:00:00', latitude: 12.9717, longitude: 77.5947 });
    expect(near.status).toBe(200);
    expect(near.json.message).toMatchObject({ latitude: 12.9717, longitude: 77.5947, shift: 'Site Shift' });
  });
});

describe('an API user whose language is Arabic', () => {
  it('gets the same statuses and exc_types with translated messages', async () => {
    const sim = await startErpnextSimulator({
      employees: employees(),
      users: [{ apiKey: 'ar-key', apiSecret: 'ar-secret', roles: ['HR Manager'], language: 'ar' }],
    });
    const headers = { Authorization: 'token ar-key:ar-secret', Accept: 'application/json' };
    const body = { employee_field_value: '1', timestamp: '2026-03-14 08:00:00', log_type: 'IN' };
    expect((await postJson(`${sim.url}${HRMS_PATH}`, body, headers)).status).toBe(200);
    const duplicate = await postJson(`${sim.url}${HRMS_PATH}`, body, headers);
    expect(duplicate.status).toBe(417);
    expect(duplicate.json.exc_type).toBe('ValidationError');
    const [message] = serverMessages(duplicate.json);
    expect(String(message?.message)).not.toContain('already has a log');
    expect(String(message?.message)).toMatch(/^لدى هذا الموظف سجل بنفس الطابع الزمني بالفعل\.<Br><a href=/);
    expect(message?.title).toBe('رسالة');
    const inactive = await postJson(`${sim.url}${HRMS_PATH}`, { ...body, employee_field_value: '3' }, headers);
    expect(inactive.json.exc_type).toBe('InactiveEmployeeStatusError');
    expect(String(firstMessage(inactive.json))).not.toContain('Inactive Employee');
    await sim.close();
  });
});

describe('HRMS v14 mode', () => {
  it('keys duplicates on employee, time and log type, has no v2 route and drops latitude / longitude', async () => {
    const sim = await startErpnextSimulator({ version: 14, employees: 2, geolocationRequired: true });
    const checkin = (body: Record<string, unknown>) => postJson(`${sim.url}${HRMS_PATH}`, body);
    const first = await checkin({ employee_field_value: '1', timestamp: '2026-03-14 08:00:00.999', log_type: 'IN', latitude: 1 });
    expect(first.status).toBe(200);
    expect(first.json.message).not.toHaveProperty('latitude');
    expect((await checkin({ employee_field_value: '1', timestamp: '2026-03-14 08:00:00', log_type: 'IN' })).status).toBe(417);
    expect((await checkin({ employee_field_value: '1', timestamp: '2026-03-14 08:00:00' })).status).toBe(200);
    expect((await postJson(`${sim.url}/api/v2/method/ping`, {})).status).toBe(404);
    await sim.close();
  });
});

describe('ERPNext v13 mode', () => {
  let sim: ErpnextSimulator;
  beforeAll(async () => {
    sim = await startErpnextSimulator({ version: 13, employees: 3 });
  });
  afterAll(() => sim.close());

  it('serves the erpnext path and treats the same employee and time as a duplicate whatever the log type', async () => {
    const first = await postJson(`${sim.url}${ERPNEXT_PATH}`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00', log_type: 'IN' });
    expect(first.status).toBe(200);
    const second = await postJson(`${sim.url}${ERPNEXT_PATH}`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00', log_type: 'OUT' });
    expect(second.status).toBe(417);
    expect(String(firstMessage(second.json))).toMatch(/^This employee already has a log with the same timestamp\.<Br>/);
    expect(second.json._server_messages).not.toContain('__frappe_exc_id');
  });

  it('says the hrms app is not installed on the hrms path', async () => {
    const answer = await postJson(`${sim.url}${HRMS_PATH}`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00' });
    expect(answer.status).toBe(417);
    expect(serverMessages(answer.json).map((entry) => entry.message)).toEqual([
      'App hrms is not installed',
      'Failed to get method for command hrms.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field with App hrms is not installed',
    ]);
  });

  it('answers an HTML error page when the request does not ask for JSON', async () => {
    const answer = await request(`${sim.url}${ERPNEXT_PATH}`, {
      method: 'POST',
      headers: { Authorization: JSON_HEADERS.Authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({ employee_field_value: '404', timestamp: '2026-03-14 08:00:00' }),
    });
    expect(answer.status).toBe(417);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toContain('<title>Server Error</title>');
    const guest = await request(`${sim.url}/api/method/frappe.auth.get_logged_user`);
    expect(guest.status).toBe(403);
    expect(guest.text).toContain('Not Permitted');
  });

  it('has no v2 routes', async () => {
    const answer = await postJson(`${sim.url}/api/v2/method/Employee%20Checkin/add_log_based_on_employee_field`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ exc_type: 'DoesNotExistError' });
  });
});
