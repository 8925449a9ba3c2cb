// The client against the ERPNext simulator: every class of answer a push can get, the connection
// test on each version, employees and shift types.
import { afterEach, describe, expect, it } from 'vitest';
import { startErpnextSimulator, type ErpnextSimulator } from '../sim/erpnext';
import { createTransport } from './transport';
import { CHECKIN_ENDPOINTS, createErpnextClient, type CheckinPunch, type ErpnextClient, type ErpnextClientOptions, type ErpnextConnection, type PushOutcome } from './index';

type SimulatorOptions = NonNullable<Parameters<typeof startErpnextSimulator>[0]>;

const KEY = 'test-key';
const SECRET = 'test-secret';
const open: { close(): unknown }[] = [];
let simulator: ErpnextSimulator;

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function site(options: SimulatorOptions = {}, connection: Partial<ErpnextConnection> = {}, clientOptions: ErpnextClientOptions = {}): Promise<ErpnextClient> {
  simulator = await startErpnextSimulator({
    port: 0,
    employees: 5,
    timeZone: 'Asia/Kolkata',
    users: [{ apiKey: KEY, apiSecret: SECRET, user: 'sync@example.com', roles: ['HR Manager', 'System Manager'] }],
    ...options,
  });
  open.push(simulator);
  const created = createErpnextClient({ url: simulator.url, apiKey: KEY, apiSecret: SECRET, timeoutMs: 2000, ...connection }, clientOptions);
  if (!created.ok) throw new Error(created.error.message);
  open.push(created.value);
  return created.value;
}

/** The error an outcome carries; every outcome but an acceptance has one. */
function errorOf(outcome: PushOutcome): { code: string; message: string; action: string } {
  if (!('error' in outcome)) throw new Error(`No error in a ${outcome.kind} outcome`);
  return outcome.error;
}

const punch = (overrides: Partial<CheckinPunch> = {}): CheckinPunch => ({
  employeeFieldValue: '1',
  timestamp: '2026-11-25 08:01:07',
  deviceId: 'gate',
  logType: 'IN',
  ...overrides,
});

describe('testConnection', () => {
  it.each([
    [13, 'erpnext (v13)'],
    [14, 'hrms (v14+)'],
    [15, 'hrms (v14+)'],
  ] as const)('finds the checkin path of version %i without creating a checkin', async (version, detectedPath) => {
    const client = await site({ version });
    const tested = await client.testConnection();
    expect(tested.ok && tested.value).toMatchObject({ user: 'sync@example.com', detectedPath, serverTimeZone: 'Asia/Kolkata' });
    expect(simulator.checkins).toHaveLength(0);
    expect((await client.pushCheckin(punch())).kind).toBe('accepted');
  });

  it('asks the person to choose the time zone when the API user may not read System Settings', async () => {
    const client = await site({ users: [{ apiKey: KEY, apiSecret: SECRET, user: 'hr@example.com', roles: ['HR User'] }] });
    const tested = await client.testConnection();
    expect(tested.ok && tested.value.serverTimeZone).toBeNull();
    const problem = tested.ok ? tested.value.problems.find((p) => p.code === 'erpnext-time-zone-unknown') : undefined;
    expect(problem?.action).toContain('Choose the ERPNext server\'s time zone');
  });

  it('says when the chosen server zone differs from System Settings', async () => {
    const client = await site();
    const tested = await client.testConnection({ chosenTimeZone: 'Europe/Berlin' });
    const problem = tested.ok ? tested.value.problems.find((p) => p.code === 'erpnext-time-zone-mismatch') : undefined;
    expect(problem?.action).toContain('Asia/Kolkata');
  });

  it('says the key and secret were refused', async () => {
    const client = await site({}, { apiSecret: 'wrong' });
    const tested = await client.testConnection();
    expect(!tested.ok && tested.error.code).toBe('erpnext-bad-credentials');
    expect((await client.pushCheckin(punch())).kind).toBe('bad-credentials');
  });

  it('warns when certificate checking is turned off', async () => {
    const client = await site({}, { verifyTls: false });
    const tested = await client.testConnection();
    expect(tested.ok && tested.value.problems.map((p) => p.code)).toContain('erpnext-tls-off');
  });
});

describe('pushCheckin', () => {
  it('accepts a punch and calls the second push of it a duplicate that counts as done', async () => {
    const client = await site();
    const first = await client.pushCheckin(punch());
    expect(first).toMatchObject({ kind: 'accepted', employee: 'HR-EMP-00001' });
    const again = await client.pushCheckin(punch());
    expect(again).toMatchObject({ kind: 'duplicate', existingCheckin: first.kind === 'accepted' ? first.checkinName : '' });
  });

  it('detects the endpoint once for concurrent first pushes', async () => {
    const client = await site();
    const outcomes = await Promise.all(['1', '2', '3', '4', '5'].map((id) => client.pushCheckin(punch({ employeeFieldValue: id }))));
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(Array(5).fill('accepted'));
    expect(simulator.checkinCallCount).toBe(6);
  });

  it('tells an unknown device user and an inactive employee apart', async () => {
    const client = await site({ employees: [{ attendance_device_id: '1' }, { attendance_device_id: '2', status: 'Inactive' }, { attendance_device_id: '3', status: 'Left' }] });
    expect((await client.pushCheckin(punch({ employeeFieldValue: '99' }))).kind).toBe('no-employee');
    expect((await client.pushCheckin(punch({ employeeFieldValue: '2' }))).kind).toBe('inactive-employee');
    expect((await client.pushCheckin(punch({ employeeFieldValue: '3' }))).kind).toBe('accepted');
  });

  it('maps by employee id when asked', async () => {
    const client = await site();
    expect(await client.pushCheckin(punch({ employeeFieldValue: 'HR-EMP-00004', employeeFieldname: 'name' }))).toMatchObject({ kind: 'accepted', employee: 'HR-EMP-00004' });
  });

  it('says a shift wants IN or OUT', async () => {
    const client = await site({
      employees: [{ attendance_device_id: '1', default_shift: 'Strict Shift' }],
      shiftTypes: [{ name: 'Strict Shift', start_time: '08:00:00', end_time: '16:00:00', determine_check_in_and_check_out: 'Strictly based on Log Type in Employee Checkin' }],
    });
    expect(await client.pushCheckin(punch({ logType: null }))).toMatchObject({ kind: 'log-type-required', shift: 'Strict Shift' });
  });

  it('says geolocation is required, and accepts once coordinates are sent', async () => {
    const client = await site({ version: 15, geolocationRequired: true });
    expect((await client.pushCheckin(punch())).kind).toBe('geolocation-required');
    expect((await client.pushCheckin(punch({ latitude: 12.97, longitude: 77.59 }))).kind).toBe('accepted');
  });

  it('keeps the exact text of another validation error', async () => {
    const client = await site();
    const outcome = await client.pushCheckin(punch({ logType: 'BREAK' as 'IN' }));
    expect(outcome).toMatchObject({ kind: 'validation', serverMessage: 'Log Type cannot be "BREAK". It should be one of "", "IN", "OUT"' });
  });

  it('says the API user may not create checkins', async () => {
    const client = await site({ users: [{ apiKey: KEY, apiSecret: SECRET, roles: [] }] });
    expect((await client.pushCheckin(punch())).kind).toBe('no-permission');
  });

  it('catches the time trap: an Employee-role user gets the server time, and pushing must stop', async () => {
    const client = await site({
      users: [{ apiKey: KEY, apiSecret: SECRET, roles: ['Employee'] }],
      employees: [{ attendance_device_id: '1', user_id: `${KEY}@example.com` }],
      clock: () => new Date('2026-11-25T05:00:00Z'),
    });
    const outcome = await client.pushCheckin(punch());
    expect(outcome).toMatchObject({ kind: 'time-trap', savedTime: '2026-11-25 10:30:00' });
    expect(outcome.kind === 'time-trap' && outcome.error.action).toContain('HR User or HR Manager');
  });

  it('honours Retry-After when rate limited', async () => {
    const client = await site({ faults: { rateLimit: { requests: 1, windowMs: 60_000 } } });
    const outcomes = [await client.pushCheckin(punch()), await client.pushCheckin(punch({ employeeFieldValue: '2' }))];
    const limited = outcomes.find((outcome) => outcome.kind === 'rate-limited');
    expect(limited?.kind === 'rate-limited' && limited.retryAfterMs).toBeGreaterThan(0);
  });

  it.each([
    ['a 500', { failureRate: 1 }],
    ['maintenance', { maintenance: true }],
    ['dropped connections', { dropConnections: true }],
  ] as const)('treats %s as transient', async (_name, faults) => {
    // The endpoint is known (as after a connection test), so the push itself meets the fault.
    const client = await site({ faults }, {}, { endpoint: CHECKIN_ENDPOINTS[0] });
    expect((await client.pushCheckin(punch())).kind).toBe('transient');
  });
});

describe('refusals of one punch, and answers that go missing', () => {
  it('tells a User Permission on one employee from a missing role', async () => {
    const users = [
      { apiKey: KEY, apiSecret: SECRET, user: 'branch@example.com', roles: ['HR User' as const], allowedEmployees: ['HR-EMP-00001'] },
      { apiKey: 'no-role-key', apiSecret: 'no-role-secret', user: 'nobody@example.com', roles: [] },
    ];
    const client = await site({ users });
    const refused = await client.pushCheckin(punch({ employeeFieldValue: '2' }));
    expect(refused.kind).toBe('document-refused');
    expect(errorOf(refused).message).toContain("linked to Employee 'HR-EMP-00002'");
    expect(errorOf(refused).action).toContain('User Permission');
    expect((await client.pushCheckin(punch({ employeeFieldValue: '1' }))).kind).toBe('accepted');

    const created = createErpnextClient({ url: simulator.url, apiKey: 'no-role-key', apiSecret: 'no-role-secret', timeoutMs: 2000 });
    if (!created.ok) throw new Error(created.error.message);
    open.push(created.value);
    const noRole = await created.value.pushCheckin(punch({ employeeFieldValue: '3' }));
    expect(noRole.kind).toBe('no-permission');
    expect(errorOf(noRole).action).toContain('HR User');
  });

  it('calls a reset after the commit in doubt, and finds that checkin by employee and time whatever its log type', async () => {
    const client = await site({ faults: { lostAnswers: { share: 1, as: 'reset' } } });
    const lost = await client.pushCheckin(punch({ employeeFieldValue: '2', logType: 'OUT' }));
    expect(lost).toMatchObject({ kind: 'transient', inDoubt: true });
    expect(simulator.checkins).toHaveLength(1);
    const found = await client.findCheckin(punch({ employeeFieldValue: '2', logType: 'IN' }));
    expect(found).toEqual({ ok: true, value: { checkinName: simulator.checkins[0]!.name, employee: 'HR-EMP-00002', employeeName: 'Employee 2' } });
    expect(await client.findCheckin(punch({ employeeFieldValue: '2', timestamp: '2026-11-25 08:01:08' }))).toEqual({ ok: true, value: null });
    expect(await client.findCheckin(punch({ employeeFieldValue: '99' }))).toEqual({ ok: true, value: null });
    expect(await client.findCheckin(punch({ employeeFieldValue: 'HR-EMP-00002', employeeFieldname: 'name' }))).toMatchObject({ ok: true, value: { employee: 'HR-EMP-00002' } });
  });

  it('takes the checkin with the punch\'s own log type and device when two share the second', async () => {
    // v14+ keeps IN and OUT of the same second apart (v13's duplicate rule would refuse the second).
    const later = await site({ version: 15 });
    const first = await later.pushCheckin(punch({ employeeFieldValue: '3', logType: 'IN', deviceId: 'front' }));
    const second = await later.pushCheckin(punch({ employeeFieldValue: '3', logType: 'OUT', deviceId: 'back' }));
    expect([first.kind, second.kind]).toEqual(['accepted', 'accepted']);
    const out = await later.findCheckin(punch({ employeeFieldValue: '3', logType: 'OUT', deviceId: 'back' }));
    expect(out.ok && out.value?.checkinName).toBe(second.kind === 'accepted' && second.checkinName);
    const inAgain = await later.findCheckin(punch({ employeeFieldValue: '3', logType: 'IN', deviceId: 'front' }));
    expect(inAgain.ok && inAgain.value?.checkinName).toBe(first.kind === 'accepted' && first.checkinName);
  });

  it('waits for a late commit longer than its read timeout, past the server\'s worker timeout', async () => {
    // Scaled down: reads give up after 100 ms, the server kills a request after 1 s, a commit takes 300 ms.
    const client = await site({ faults: { slowCommits: { share: 1, delayMs: 300 }, workerTimeoutMs: 1000 } }, { timeoutMs: 100, writeTimeoutMs: 1500 });
    expect((await client.pushCheckin(punch())).kind).toBe('accepted');
    expect(simulator.checkins).toHaveLength(1);
  });

  it('waits 130 s by default before calling a push lost: longer than bench\'s 120 s worker timeout', () => {
    const created = createTransport({ url: 'http://127.0.0.1:9', apiKey: KEY, apiSecret: SECRET });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.writeTimeoutMs).toBeGreaterThan(120_000);
    created.value.close();
  });
});

describe('after the server changed', () => {
  it('says the known endpoint is gone, then finds the new one on the next push', async () => {
    const client = await site({ version: 13 }, {}, { endpoint: CHECKIN_ENDPOINTS[0] });
    const gone = await client.pushCheckin(punch());
    expect(gone.kind).toBe('endpoint-missing');
    expect(gone.kind === 'endpoint-missing' && gone.serverMessage).toContain('App hrms is not installed');
    expect((await client.pushCheckin(punch())).kind).toBe('accepted');
  });
});

describe('employees', () => {
  it('pages through the list and filters by status', async () => {
    const client = await site({ employees: 25 });
    const first = await client.listEmployees({ start: 0, pageLength: 10 });
    const third = await client.listEmployees({ start: 20, pageLength: 10 });
    expect(first.ok && first.value.map((e) => e.name)[0]).toBe('HR-EMP-00001');
    expect(third.ok && third.value.map((e) => e.attendanceDeviceId)).toEqual(['21', '22', '23', '24', '25']);
    const inactive = await client.listEmployees({ start: 0, pageLength: 50, status: 'Inactive' });
    expect(inactive.ok && inactive.value).toEqual([]);
  });

  it('searches by name, id or device id', async () => {
    const client = await site({ employees: [{ employee_name: 'Asha Rao', attendance_device_id: '7' }, { employee_name: 'Ravi Kumar', attendance_device_id: '77' }] });
    const byName = await client.searchEmployees('asha', 10);
    expect(byName.ok && byName.value.map((e) => e.employeeName)).toEqual(['Asha Rao']);
    const byDeviceId = await client.searchEmployees('7', 10);
    expect(byDeviceId.ok && byDeviceId.value.map((e) => e.attendanceDeviceId)).toEqual(['7', '77']);
    const byId = await client.searchEmployees('HR-EMP-00002', 10);
    expect(byId.ok && byId.value.map((e) => e.employeeName)).toEqual(['Ravi Kumar']);
  });

  it('sets a device id, and names the employee that already holds one', async () => {
    const client = await site({ employees: 3 });
    const set = await client.setAttendanceDeviceId('HR-EMP-00003', '300');
    expect(set.ok && set.value.attendanceDeviceId).toBe('300');
    const clash = await client.setAttendanceDeviceId('HR-EMP-00003', '1');
    expect(!clash.ok && clash.error.code).toBe('erpnext-device-id-taken');
    expect(!clash.ok && clash.error.message).toContain('HR-EMP-00001');
  });
});

describe('shift types', () => {
  it('lists them and skips those the server keeps up to date itself', async () => {
    const client = await site({ shiftTypes: [{ name: 'Day Shift' }, { name: 'Night Shift', auto_update_last_sync: 1 }] });
    expect(await client.setShiftLastSync('Day Shift', '2026-11-25 09:00:00')).toEqual({ ok: true, value: 'updated' });
    expect(await client.setShiftLastSync('Night Shift', '2026-11-25 09:00:00')).toEqual({ ok: true, value: 'skipped' });
    const listed = await client.listShiftTypes();
    expect(listed.ok && listed.value).toEqual([
      { name: 'Day Shift', lastSyncOfCheckin: '2026-11-25 09:00:00', autoUpdateLastSync: false },
      { name: 'Night Shift', lastSyncOfCheckin: null, autoUpdateLastSync: true },
    ]);
  });

  it('reads the server time zone', async () => {
    const client = await site({ timeZone: 'Europe/Berlin' });
    expect(await client.getServerTimeZone()).toEqual({ ok: true, value: 'Europe/Berlin' });
  });
});
