import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultUsers, seedEmployees } from './options';
import { startErpnextSimulator, type ErpnextSimulator } from './index';
import { JSON_HEADERS, firstMessage, getJson, request, serverMessages } from './test-support';

const EMPLOYEE_ONLY = { Authorization: 'token employee-key:employee-secret', Accept: 'application/json' };
const HR_USER = { Authorization: 'token hr-key:hr-secret', Accept: 'application/json' };

describe('resources', () => {
  let sim: ErpnextSimulator;
  const list = (query: Record<string, string>, headers = JSON_HEADERS) =>
    getJson(`${sim.url}/api/resource/Employee?${new URLSearchParams(query).toString()}`, headers);
  const put = (path: string, body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    request(`${sim.url}${path}`, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const employees = seedEmployees(45).map((seed, index) => ({ ...seed, department: index % 2 === 0 ? 'Production' : 'Sales' }));
    employees[1]!.status = 'Inactive';
    employees[2]!.user_id = 'kiosk@example.com';
    sim = await startErpnextSimulator({
      employees,
      timeZone: 'Asia/Kolkata',
      users: [
        ...defaultUsers(),
        { apiKey: 'employee-key', apiSecret: 'employee-secret', user: 'kiosk@example.com', roles: ['Employee'] },
        { apiKey: 'hr-key', apiSecret: 'hr-secret', roles: ['HR User'] },
      ],
      shiftTypes: [
        { name: 'Day Shift', start_time: '09:00:00', end_time: '17:00:00' },
        { name: 'Night Shift', start_time: '22:00:00', end_time: '06:00:00', auto_update_last_sync: 1 },
      ],
    });
  });
  afterAll(() => sim.close());

  it('lists only names, 20 to a page, unless asked otherwise', async () => {
    const answer = await list({ order_by: 'name asc' });
    expect(answer.status).toBe(200);
    const rows = answer.json.data as Record<string, unknown>[];
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual({ name: 'HR-EMP-00001' });
  });

  it('pages with limit_start and limit_page_length, and returns everything for 0', async () => {
    const fields = JSON.stringify(['name', 'employee_name', 'attendance_device_id', 'status', 'company', 'department', 'branch']);
    const page = await list({ fields, order_by: 'name asc', limit_start: '40', limit_page_length: '500' });
    const rows = page.json.data as Record<string, unknown>[];
    expect(rows.map((row) => row.name)).toEqual(['HR-EMP-00041', 'HR-EMP-00042', 'HR-EMP-00043', 'HR-EMP-00044', 'HR-EMP-00045']);
    expect(rows[0]).toEqual({
      name: 'HR-EMP-00041',
      employee_name: 'Employee 41',
      attendance_device_id: '41',
      status: 'Active',
      company: 'Punchbridge Demo Ltd',
      department: 'Production',
      branch: null,
    });
    expect((await list({ limit_page_length: '0' })).json.data).toHaveLength(45);
    expect((await list({ limit: '3' })).json.data).toHaveLength(3);
  });

  it('filters with a JSON list, a JSON object and or_filters, and orders as asked', async () => {
    const active = await list({ filters: JSON.stringify([['status', '=', 'Active']]), limit_page_length: '0' });
    expect(active.json.data).toHaveLength(44);
    const sales = await list({ filters: JSON.stringify({ department: 'Sales', status: ['!=', 'Inactive'] }), limit_page_length: '0' });
    expect(sales.json.data).toHaveLength(21);
    const search = await list({
      fields: JSON.stringify(['name']),
      or_filters: JSON.stringify([['Employee', 'employee_name', 'like', '%ee 7%'], ['attendance_device_id', '=', '12']]),
      order_by: 'name desc',
    });
    expect((search.json.data as Record<string, unknown>[]).map((row) => row.name)).toEqual(['HR-EMP-00012', 'HR-EMP-00007']);
  });

  it('answers an unknown column as MariaDB does', async () => {
    const answer = await list({ fields: JSON.stringify(['name', 'salary']) });
    expect(answer.status).toBe(500);
    expect(answer.json.exc_type).toBe('OperationalError');
  });

  it('shows an Employee-role user only its own employee', async () => {
    const answer = await list({ fields: JSON.stringify(['name']) }, EMPLOYEE_ONLY);
    expect(answer.json.data).toEqual([{ name: 'HR-EMP-00003' }]);
    expect((await getJson(`${sim.url}/api/resource/Employee/HR-EMP-00004`, EMPLOYEE_ONLY)).status).toBe(403);
  });

  it('reads one employee, or answers 404', async () => {
    const answer = await getJson(`${sim.url}/api/resource/Employee/HR-EMP-00002`);
    expect(answer.json.data).toMatchObject({ name: 'HR-EMP-00002', status: 'Inactive', attendance_device_id: '2', doctype: 'Employee' });
    const missing = await getJson(`${sim.url}/api/resource/Employee/HR-EMP-99999`);
    expect(missing.status).toBe(404);
    expect(missing.json.exc_type).toBe('DoesNotExistError');
    expect(firstMessage(missing.json)).toBe('Employee HR-EMP-99999 not found');
  });

  it('sets an attendance device id, and refuses one another employee holds', async () => {
    const updated = await put('/api/resource/Employee/HR-EMP-00005', { attendance_device_id: '1005' });
    expect(updated.status).toBe(200);
    expect(updated.json.data).toMatchObject({ name: 'HR-EMP-00005', attendance_device_id: '1005', modified_by: 'sync@example.com' });
    const clash = await put('/api/resource/Employee/HR-EMP-00006', { attendance_device_id: '1005' });
    expect(clash.status).toBe(417);
    expect(clash.json.exc_type).toBe('UniqueValidationError');
    expect(serverMessages(clash.json)).toEqual([{ message: 'Attendance Device ID (Biometric/RF tag ID) must be unique', title: 'Message' }]);
    expect(clash.json.exception).toBe(
      `frappe.exceptions.UniqueValidationError: ('Employee', 'HR-EMP-00006', IntegrityError(1062, "Duplicate entry '1005' for key 'attendance_device_id'"))`,
    );
    expect((await put('/api/resource/Employee/HR-EMP-00005', { attendance_device_id: '1005' })).status).toBe(200);
    expect((await put('/api/resource/Employee/HR-EMP-00006', { attendance_device_id: '5' })).status).toBe(200);
    expect((await put('/api/resource/Employee/HR-EMP-00006', { attendance_device_id: '1' }, EMPLOYEE_ONLY)).status).toBe(403);
  });

  it('lists Shift Types and sets last_sync_of_checkin from a body sent without a Content-Type', async () => {
    const shifts = await getJson(`${sim.url}/api/resource/Shift%20Type?fields=${encodeURIComponent('["name","auto_update_last_sync","last_sync_of_checkin"]')}&order_by=name%20asc`);
    expect(shifts.json.data).toEqual([
      { name: 'Day Shift', auto_update_last_sync: 0, last_sync_of_checkin: null },
      { name: 'Night Shift', auto_update_last_sync: 1, last_sync_of_checkin: null },
    ]);
    const answer = await request(`${sim.url}/api/resource/Shift%20Type/Day%20Shift`, {
      method: 'PUT',
      headers: HR_USER,
      body: JSON.stringify({ last_sync_of_checkin: '2026-03-14 18:00:00' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ name: 'Day Shift', last_sync_of_checkin: '2026-03-14 18:00:00' });
    expect((await put('/api/resource/Shift%20Type/Day%20Shift', { last_sync_of_checkin: '2026-03-14 19:00:00' }, EMPLOYEE_ONLY)).status).toBe(403);
  });

  it('serves v2 document lists with start, limit and has_next_page, and PATCH updates', async () => {
    const page = await getJson(`${sim.url}/api/v2/document/Employee?start=40&limit=3&order_by=name%20asc`);
    expect(page.json).toEqual({ data: [{ name: 'HR-EMP-00041' }, { name: 'HR-EMP-00042' }, { name: 'HR-EMP-00043' }], has_next_page: true });
    const last = await getJson(`${sim.url}/api/v2/document/Employee?start=40&limit=5&order_by=name%20asc`);
    expect(last.json.has_next_page).toBe(false);
    const patched = await request(`${sim.url}/api/v2/document/Employee/HR-EMP-00010`, {
      method: 'PATCH',
      headers: { ...JSON_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ branch: 'North Gate' }),
    });
    expect(patched.json.data).toMatchObject({ name: 'HR-EMP-00010', branch: 'North Gate' });
    const missing = await getJson(`${sim.url}/api/v2/document/Employee/HR-EMP-99999`);
    expect(missing.status).toBe(404);
    expect(missing.json.errors).toEqual([expect.objectContaining({ type: 'DoesNotExistError', message: 'Employee HR-EMP-99999 not found' })]);
  });

  it('lets only a System Manager read the system time zone', async () => {
    const settings = await getJson(`${sim.url}/api/resource/System%20Settings/System%20Settings`);
    expect(settings.json.data).toMatchObject({ time_zone: 'Asia/Kolkata' });
    const single = await getJson(`${sim.url}/api/method/frappe.client.get_single_value?doctype=System%20Settings&field=time_zone`);
    expect(single.json).toEqual({ message: 'Asia/Kolkata' });
    const denied = await getJson(`${sim.url}/api/method/frappe.client.get_single_value?doctype=System%20Settings&field=time_zone`, HR_USER);
    expect(denied.status).toBe(403);
    expect(firstMessage(denied.json)).toBe('No permission for System Settings');
    const deniedResource = await getJson(`${sim.url}/api/resource/System%20Settings/System%20Settings`, HR_USER);
    expect(deniedResource.status).toBe(403);
    expect(deniedResource.json._error_message).toBe('Insufficient Permission for System Settings');
  });
});
