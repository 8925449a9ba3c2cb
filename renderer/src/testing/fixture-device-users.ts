// The fixture's terminals and their users, for the "On the devices" view: a preview that finds a new
// hire, a changed name and a leaver, and applying that moves the changes into History.
import type {
  ApplyDeviceUsersInput,
  Device,
  DeviceUserChange,
  DeviceUserChangeRecord,
  DeviceUserOutcome,
  DeviceUserOverview,
  DeviceUserPreview,
  DeviceUserSyncInput,
  EmployeeWithDeviceId,
  PunchbridgeApi,
  Result,
  WaitingDeviceUserChange,
} from '../../../app/api/contract';
import { FIXTURE_NOW } from './fixture-data';

type DeviceUserMethods = Pick<PunchbridgeApi, 'previewDeviceUsers' | 'applyDeviceUsers' | 'listDeviceUserChanges'>;

const PENDING: DeviceUserChange[] = [
  { kind: 'add', userId: '1107', employee: 'HR-EMP-00107', name: 'Ngozi Adeyemi', previousName: null },
  { kind: 'rename', userId: '1042', employee: 'HR-EMP-00042', name: 'José Álvarez Ruiz', previousName: 'JOSE ALVAREZ' },
  { kind: 'remove', userId: '1013', employee: 'HR-EMP-00013', name: 'Tomasz Nowak', previousName: null },
];

const FIXTURE_EMPLOYEES: EmployeeWithDeviceId[] = [
  { employee: 'HR-EMP-00001', employeeName: 'Grace Mwangi', userId: '1', status: 'Left' },
  { employee: 'HR-EMP-00013', employeeName: 'Tomasz Nowak', userId: '1013', status: 'Left' },
  { employee: 'HR-EMP-00042', employeeName: 'José Álvarez Ruiz', userId: '1042', status: 'Active' },
  { employee: 'HR-EMP-00057', employeeName: 'Aisha Okafor', userId: '1057', status: 'Active' },
  { employee: 'HR-EMP-00063', employeeName: 'Chen Wang', userId: '1063', status: 'Active' },
  { employee: 'HR-EMP-00107', employeeName: 'Ngozi Adeyemi', userId: '1107', status: 'Active' },
];

/** The second terminal plays one that pushes over ADMS and has not polled since the last apply. */
function waitingAt(device: Device): WaitingDeviceUserChange[] {
  if (device.id !== 'dev-warehouse') return [];
  const minutesAgo = (minutes: number) => new Date(FIXTURE_NOW.getTime() - minutes * 60_000).toISOString();
  return [
    { ...PENDING[1]!, since: minutesAgo(50), sent: true },
    { ...PENDING[0]!, since: minutesAgo(12), sent: false },
  ];
}

export function fixtureDeviceUsers(devices: () => Device[], delay: () => Promise<void>): DeviceUserMethods {
  const applied = new Set<string>();
  // The new hire is on no terminal yet; Chen Wang was enrolled at the first terminal only.
  const enrolledAtStart = (device: Device, userId: string) => userId !== '1107' && (userId !== '1063' || device.id === devices()[0]?.id);
  const history: DeviceUserChangeRecord[] = [];
  const key = (deviceId: string, change: Pick<DeviceUserChange, 'kind' | 'userId'>) => `${deviceId}:${change.kind}:${change.userId}`;
  const chosen = (input: DeviceUserSyncInput) => devices().filter((device) => device.enabled && (input.deviceId === undefined || device.id === input.deviceId));
  const previewOf = (device: Device, removeLeft: boolean): DeviceUserPreview => {
    if (device.status === 'error') {
      return { deviceId: device.id, deviceName: device.name, error: device.lastError, changes: [], skipped: [], userIds: [], fingerprints: null, waiting: [] };
    }
    const missingHere: DeviceUserChange[] = enrolledAtStart(device, '1063') ? [] : [{ kind: 'add', userId: '1063', employee: 'HR-EMP-00063', name: 'Chen Wang', previousName: null }];
    const waiting = waitingAt(device);
    const changes = [...PENDING, ...missingHere].filter(
      (change) => (removeLeft || change.kind !== 'remove') && !applied.has(key(device.id, change)) && !waiting.some((entry) => entry.userId === change.userId),
    );
    return {
      deviceId: device.id,
      deviceName: device.name,
      error: null,
      changes,
      fingerprints: { '1': 2, '1013': 1, '1042': 2, '1057': 3, '1063': 2, '1107': 0 },
      userIds: FIXTURE_EMPLOYEES.map((employee) => employee.userId).filter(
        (userId) => (enrolledAtStart(device, userId) || applied.has(key(device.id, { kind: 'add', userId }))) && !applied.has(key(device.id, { kind: 'remove', userId })),
      ),
      waiting,
      skipped: removeLeft ? [{ employee: 'HR-EMP-00001', userId: '1', reason: 'Left in ERPNext, but a device administrator: Punchbridge never removes administrators' }] : [],
    };
  };
  return {
    async previewDeviceUsers(input): Promise<Result<DeviceUserOverview>> {
      await delay();
      return { ok: true, value: { devices: chosen(input).map((device) => previewOf(device, input.removeLeft ?? false)), employees: FIXTURE_EMPLOYEES } };
    },
    async applyDeviceUsers(input: ApplyDeviceUsersInput): Promise<Result<DeviceUserOutcome[]>> {
      await delay();
      const wanted = new Set(input.approved.map((change) => key(change.deviceId, change)));
      const outcomes = chosen(input)
        .filter((device) => input.approved.some((change) => change.deviceId === device.id))
        .map((device): DeviceUserOutcome => {
          const results = previewOf(device, input.removeLeft ?? false)
            .changes.filter((change) => wanted.has(key(device.id, change)))
            .map((change) => ({ ...change, outcome: 'done' as const, error: null }));
          for (const result of results) {
            applied.add(key(device.id, result));
            history.unshift({ ...result, id: history.length + 1, deviceId: device.id, deviceName: device.name, error: null, requestedBy: 'desktop app (hr)', recordedAt: FIXTURE_NOW.toISOString() });
          }
          return { deviceId: device.id, deviceName: device.name, error: null, results };
        });
      return { ok: true, value: outcomes };
    },
    async listDeviceUserChanges(input) {
      await delay();
      return history.slice(0, input.limit ?? 200);
    },
  };
}
