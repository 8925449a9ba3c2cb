// Realistic sample data for the fixture API: what an office with four terminals and ~60 staff
// looks like after a few weeks. Deterministic (seeded) so screenshots and tests are stable.
import type {
  ApiError,
  Device,
  EmployeeMapping,
  EmployeeSummary,
  LogLine,
  Punch,
  PunchState,
  PushStop,
  RunSummary,
  ShiftTypeSummary,
  UnmatchedUser,
} from '../../../app/api/contract';

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function wallClock(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** "Now" for the fixture: fixed, so screenshots do not drift. */
export const FIXTURE_NOW = new Date(Date.UTC(2026, 10, 25, 9, 30, 0));

const unreachable: ApiError = {
  code: 'device-unreachable',
  message: 'The device at 192.168.1.204:4370 did not answer within 10 seconds.',
  action: 'Check that the device is on and reachable at 192.168.1.204:4370',
};

export function fixtureDevices(options: { longNames?: boolean } = {}): Device[] {
  const base = {
    port: 4370,
    transport: 'auto' as const,
    logTypeRule: 'auto' as const,
    inStates: [0, 4],
    outStates: [1, 5],
    clearPolicy: { mode: 'never' as const },
    enabled: true,
    live: false,
    nameEncoding: 'utf-8',
    admsTimeZoneUnit: 'hours' as const,
    timeoutSeconds: 60,
    lastError: null,
  };
  return [
    { ...base, id: 'dev-main-gate', name: 'Main gate', host: '192.168.1.201', timeZone: null, hasCommKey: true, serialNumber: 'CQZ7231460123', status: 'ok', lastReadAt: '2026-11-25 09:15:02', clockSkewSeconds: 4, recordCount: 48210, recordCapacity: 100000, logFull: { kind: 'full-by', day: '2027-01-30', perDay: 780 } },
    { ...base, id: 'dev-warehouse', name: 'Warehouse', host: '192.168.1.202', timeZone: 'Asia/Kolkata', hasCommKey: false, serialNumber: 'BOCK194960321', status: 'warning', lastReadAt: '2026-11-25 09:15:05', clockSkewSeconds: 412, recordCount: 91800, recordCapacity: 100000, logFull: { kind: 'full-by', day: '2026-12-05', perDay: 2050 }, clearPolicy: { mode: 'when-fuller-than', percent: 80 } },
    {
      ...base,
      id: 'dev-reception',
      name: options.longNames ? 'Head office reception, second floor, east wing beside the lifts (visitors)' : 'Head office reception',
      host: 'zk-reception.office.example.com',
      timeZone: null,
      hasCommKey: true,
      serialNumber: 'A8N5202560087',
      status: 'ok',
      lastReadAt: '2026-11-25 09:15:03',
      clockSkewSeconds: -2,
      recordCount: 12034,
      recordCapacity: 80000,
      live: true,
      logTypeRule: 'in',
    },
    { ...base, id: 'dev-canteen', name: 'Canteen', host: '192.168.1.204', timeZone: null, hasCommKey: false, serialNumber: 'mac:00:17:61:50:42:04', status: 'error', lastReadAt: '2026-11-24 17:45:10', clockSkewSeconds: null, recordCount: null, recordCapacity: null, lastError: unreachable, transport: 'udp', logTypeRule: 'none' },
  ];
}

const FIRST_NAMES = ['José', 'Zoë', 'Łukasz', 'Ayşe', 'François', 'Søren', 'Priya', 'Mohammed', 'Anja', 'Chidi', 'Nguyễn', 'Ingrid', 'Rahul', 'Fatima', 'Björn', 'Mei', 'Oluwaseun', 'Élodie', 'Tomasz', 'Aarav'];
const LAST_NAMES = ['Álvarez', 'Müller', 'Wójcik', 'Yılmaz', 'Lefèvre', 'Østergaard', 'Sharma', 'Al-Hashimi', 'Kovačević', 'Okafor', 'Văn An', 'Johansson', 'Iyer', 'Zahra', 'Strömberg', 'Chen', 'Adeyemi', 'Dubois', 'Nowak', 'Patel'];
const DEPARTMENTS = ['Production', 'Warehouse', 'Accounts', 'Human Resources', 'Sales', 'Quality Control - North Plant'];

export function fixtureEmployees(): EmployeeSummary[] {
  const employees: EmployeeSummary[] = [];
  for (let index = 0; index < 60; index++) {
    const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(index * 7) % LAST_NAMES.length]!;
    employees.push({
      name: `HR-EMP-${pad(index + 1, 5)}`,
      employeeName: `${first} ${last}`,
      attendanceDeviceId: index < 48 ? String(3000 + index) : null,
      status: index === 5 ? 'Inactive' : 'Active',
      company: 'Acme Manufacturing Pvt. Ltd.',
      department: DEPARTMENTS[index % DEPARTMENTS.length]!,
      branch: index % 3 === 0 ? 'Pune' : 'Mumbai',
    });
  }
  // People who are on the devices but not yet linked in ERPNext (no Attendance Device ID).
  const unlinked = ['Zoë Müller', 'Łukasz Wójcik', 'Søren Østergaard-Kierkegaard', 'محمد الهاشمي', '陈美'];
  unlinked.forEach((employeeName, offset) => {
    employees[50 + offset]!.employeeName = employeeName;
  });
  return employees;
}

/** Device users nobody has mapped yet; their names are how the device spells them. */
export const UNMATCHED_DEVICE_USERS: { userId: string; name: string | null; deviceIndex: number }[] = [
  { userId: '1042', name: 'JOSE ALVAREZ', deviceIndex: 0 },
  { userId: '1043', name: 'Zoe Muller', deviceIndex: 1 },
  { userId: '2001', name: 'Lukasz Wojcik', deviceIndex: 0 },
  { userId: '2002', name: 'Søren Østergaard-Kierkegaard', deviceIndex: 2 },
  { userId: '2003', name: 'محمد الهاشمي', deviceIndex: 1 },
  { userId: '2004', name: '陈美', deviceIndex: 2 },
  { userId: '77', name: null, deviceIndex: 0 },
  { userId: '900000123', name: 'Visitor card', deviceIndex: 2 },
];

const REJECT_REASONS = [
  'Transactions cannot be created for an Inactive Employee <a href="/app/employee/HR-EMP-00006">HR-EMP-00006</a>.',
  'Log Type is required for check-ins falling in the shift: General Shift.',
  'Latitude and longitude values are required for checking in.',
];
const FAIL_REASONS = [
  'ERPNext did not answer within 30 seconds (timeout).',
  'ERPNext answered 502 Bad Gateway.',
  'ERPNext answered 429 Too Many Requests; retrying later.',
];

function pickState(roll: number): PunchState {
  if (roll < 0.8) return 'synced';
  if (roll < 0.85) return 'pending';
  if (roll < 0.9) return 'unmatched';
  if (roll < 0.94) return 'rejected';
  if (roll < 0.97) return 'failed';
  return 'ignored';
}

export function fixturePunches(count: number, devices: Device[], employees: EmployeeSummary[]): Punch[] {
  const random = seededRandom(count);
  const punches: Punch[] = [];
  const start = FIXTURE_NOW.getTime() - 45 * 86_400_000;
  const step = (FIXTURE_NOW.getTime() - start) / count;
  for (let index = 0; index < count; index++) {
    const device = devices[Math.floor(random() * devices.length)]!;
    const state = pickState(random());
    const deviceTime = new Date(start + index * step + random() * step);
    const unmatched = UNMATCHED_DEVICE_USERS[index % UNMATCHED_DEVICE_USERS.length]!;
    const employee = state === 'unmatched' ? null : employees[Math.floor(random() * 48)]!;
    const userId = employee ? employee.attendanceDeviceId! : unmatched.userId;
    const code = random() < 0.5 ? 0 : 1;
    // The fixture's ERPNext runs on Asia/Dubai time (UTC+4): the Warehouse clock, on Kolkata time
    // (UTC+5:30), is 90 minutes ahead of it; the other devices follow the server's zone.
    const serverTime = wallClock(device.timeZone === 'Asia/Kolkata' ? new Date(deviceTime.getTime() - 90 * 60_000) : deviceTime);
    punches.push({
      id: index + 1,
      deviceSerial: device.serialNumber ?? 'unknown',
      deviceId: device.id,
      deviceName: device.name,
      userId,
      deviceTime: wallClock(deviceTime),
      serverTime: state === 'unmatched' ? null : serverTime,
      punchStateCode: code,
      verifyType: 1,
      logType: device.logTypeRule === 'none' ? null : code === 0 ? 'IN' : 'OUT',
      state,
      lastError: reasonFor(state, userId, index),
      timeNote: index % 997 === 0 ? 'The clocks went back an hour at this time; the earlier of the two times was used.' : null,
      employee: employee?.name ?? null,
      employeeName: employee?.employeeName ?? null,
      checkinName: state === 'synced' ? `EMP-CKIN-${pad(deviceTime.getUTCMonth() + 1)}-${deviceTime.getUTCFullYear()}-${pad(index + 1, 6)}` : null,
      attempts: state === 'failed' ? 3 : state === 'pending' ? 0 : 1,
      source: device.live ? 'live' : 'zk',
      receivedAt: wallClock(new Date(deviceTime.getTime() + 600_000)),
      syncedAt: state === 'synced' ? wallClock(new Date(deviceTime.getTime() + 660_000)) : null,
    });
  }
  return punches.reverse().map((punch, index) => ({ ...punch, id: index + 1 }));
}

function reasonFor(state: PunchState, userId: string, index: number): string | null {
  if (state === 'unmatched') return `No Employee found for the given employee field value. 'attendance_device_id': ${userId}`;
  if (state === 'rejected') return REJECT_REASONS[index % REJECT_REASONS.length]!;
  if (state === 'failed') return FAIL_REASONS[index % FAIL_REASONS.length]!;
  return null;
}

export function fixtureUnmatchedUsers(devices: Device[], punches: Punch[]): UnmatchedUser[] {
  return UNMATCHED_DEVICE_USERS.map((user) => {
    const device = devices[user.deviceIndex]!;
    const held = punches.filter((punch) => punch.state === 'unmatched' && punch.userId === user.userId);
    const times = held.map((punch) => punch.deviceTime).sort();
    return {
      userId: user.userId,
      deviceId: device.id,
      deviceSerial: device.serialNumber ?? '',
      deviceName: device.name,
      nameOnDevice: user.name,
      punchCount: held.length,
      firstSeen: times[0] ?? '2026-11-20 08:00:00',
      lastSeen: times.at(-1) ?? '2026-11-25 08:00:00',
    };
  });
}

export function fixtureMappings(): EmployeeMapping[] {
  return [
    { userId: '5001', deviceId: null, employee: 'HR-EMP-00049', employeeName: 'Rahul Iyer', inErpnext: false, createdAt: '2026-11-10 11:02:00' },
    { userId: '5002', deviceId: 'dev-warehouse', employee: 'HR-EMP-00050', employeeName: 'Fatima Zahra', inErpnext: false, createdAt: '2026-11-12 15:40:00' },
    { userId: '5003', deviceId: null, employee: 'HR-EMP-00051', employeeName: 'Priya Nakamura', inErpnext: true, createdAt: '2026-11-20 09:12:00' },
  ];
}

export function fixtureRuns(devices: Device[]): RunSummary[] {
  const runs: RunSummary[] = [];
  for (let index = 0; index < 30; index++) {
    const started = new Date(FIXTURE_NOW.getTime() - (index + 1) * 15 * 60_000 - 2 * 60_000);
    const failedCanteen = index < 6;
    const outcome = index === 12 ? 'failed' : failedCanteen ? 'partial' : 'ok';
    const devicesResult = devices.map((device, deviceIndex) => {
      const failed = (device.id === 'dev-canteen' && failedCanteen) || outcome === 'failed';
      return {
        deviceId: device.id,
        deviceName: device.name,
        serialNumber: device.serialNumber,
        ok: !failed,
        read: failed ? 0 : 200 + deviceIndex * 37 + index,
        new: failed ? 0 : (index * 3 + deviceIndex) % 17,
        cleared: false,
        clockSkewSeconds: failed ? null : device.clockSkewSeconds,
        error: failed ? (outcome === 'failed' ? erpnextDown : unreachable) : null,
        durationMs: 1800 + deviceIndex * 700,
      };
    });
    runs.push({
      id: 500 - index,
      trigger: index === 0 ? 'manual' : index === 29 ? 'startup' : 'schedule',
      startedAt: wallClock(started),
      finishedAt: wallClock(new Date(started.getTime() + 9_000 + index * 1000)),
      outcome,
      counts: { read: 1012 + index, new: outcome === 'failed' ? 0 : 23 + index, synced: outcome === 'failed' ? 0 : 19, duplicates: 2, unmatched: 3, rejected: 1, failed: outcome === 'failed' ? 23 : 0 },
      devices: devicesResult,
      errors: outcome === 'failed' ? [erpnextDown] : failedCanteen ? [unreachable] : [],
      warnings: index % 4 === 0 ? ['Warehouse clock is 6 min 52 s ahead of this computer.'] : [],
    });
  }
  return runs;
}

/** What the silence rules say of a device gone quiet in its shift hours and of one out of reach for runs. */
export const silentDevices: ApiError[] = [
  {
    code: 'device-quiet',
    message: 'Main gate has had no punch today in hours it usually has them, from 08:00 on.',
    action: 'Unless today is a holiday, check the device: a frozen screen, a full log or a moved terminal lose punches. Open Devices and test the connection.',
  },
  {
    code: 'device-unreachable-runs',
    message: 'Canteen could not be read in the last 3 runs in a row; its punches since are not in ERPNext.',
    action: 'Check that it is switched on and on the network, then open Devices and test the connection.',
  },
];

export const erpnextDown: ApiError = {
  code: 'erpnext-unreachable',
  message: 'ERPNext at https://erp.acme.example.com could not be reached (connection refused).',
  action: 'Check the ERPNext address in Settings and that this computer is online.',
};

export function fixtureShiftTypes(): ShiftTypeSummary[] {
  return [
    { name: 'General Shift', lastSyncOfCheckin: '2026-11-25 09:15:30', autoUpdateLastSync: true },
    { name: 'Night Shift (22:00 - 06:00)', lastSyncOfCheckin: '2026-11-25 06:00:12', autoUpdateLastSync: true },
    { name: 'Warehouse Early', lastSyncOfCheckin: null, autoUpdateLastSync: false },
  ];
}

export function fixtureLog(): LogLine[] {
  const lines: LogLine[] = [];
  for (let index = 0; index < 120; index++) {
    const time = wallClock(new Date(FIXTURE_NOW.getTime() - (120 - index) * 45_000));
    const kind = index % 9;
    if (kind === 0) lines.push({ time, level: 'info', module: 'sync', message: `Run ${400 + index} started (schedule)` });
    else if (kind === 3) lines.push({ time, level: 'warn', module: 'zk', message: 'Warehouse (192.168.1.202): clock is 412 s ahead of this computer' });
    else if (kind === 5) lines.push({ time, level: 'error', module: 'zk', message: unreachable.message });
    else if (kind === 7) lines.push({ time, level: 'debug', module: 'erpnext', message: 'POST hrms.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field 200 (84 ms)' });
    else lines.push({ time, level: 'info', module: 'push', message: `Pushed ${index % 13} punches; ${index % 3} unmatched` });
  }
  return lines;
}

/** The time trap's stop as the dashboard shows it: three checkins ERPNext saved at its own time. */
export function fixturePushStop(): PushStop & { error: ApiError } {
  const wrongCheckins = [
    { checkinName: 'EMP-CKIN-11-2026-000412', punchId: 1, employee: 'HR-EMP-00003', sentTime: '2026-11-25 08:02:11', savedTime: '2026-11-25 09:12:40', foundAt: '2026-11-25T09:12:40.000Z' },
    { checkinName: 'EMP-CKIN-11-2026-000413', punchId: 2, employee: 'HR-EMP-00007', sentTime: '2026-11-25 08:03:55', savedTime: '2026-11-25 09:12:40', foundAt: '2026-11-25T09:12:40.000Z' },
    { checkinName: 'EMP-CKIN-11-2026-000414', punchId: 3, employee: 'HR-EMP-00012', sentTime: '2026-11-25 08:04:30', savedTime: '2026-11-25 09:12:41', foundAt: '2026-11-25T09:12:41.000Z' },
  ];
  return {
    reason: 'time-trap',
    stoppedAt: '2026-11-25T09:12:40.000Z',
    liftedAt: null,
    wrongCheckins,
    error: {
      code: 'erpnext-time-trap',
      message:
        'Pushing has stopped: ERPNext saved checkins at its own current time instead of the punch time, because the API user may not set the Time field of Employee Checkin.',
      action: 'In ERPNext give the API user the HR User or HR Manager role and delete the checkins listed; then press "The role is fixed".',
    },
  };
}
