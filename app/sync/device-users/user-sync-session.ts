// One preview or apply as the CLI and the app run it: the devices chosen, every employee read from
// ERPNext, the terminals' lists read, and (on apply) each attempt written to the journal.
import type { ApiError, EmployeeSummary, Result } from '../../vocabulary';
import type { ApplyDeviceUsersInput, DeviceUserOutcome, DeviceUserOverview, DeviceUserSyncInput } from '../../vocabulary';
import type { ErpnextClient } from '../../erpnext';
import type { Journal, StoredDevice } from '../../journal';
import { deviceCommKeyName, type SecretStore } from '../../settings';
import type { ZkConnectOptions, ZkDevice } from '../../zk';
import { waitForRunLock } from '../run-lock';
import { changeKey } from './plan';
import { applyDeviceUsers, previewDeviceUsers } from './sync-device-users';

export interface UserSyncSources {
  journal: Journal;
  secrets: SecretStore;
  erpnext: Pick<ErpnextClient, 'listEmployees'>;
  connect(options: ZkConnectOptions): Promise<ZkDevice>;
  /** The run lock: changes to terminals wait for no sync, and no sync starts while they are made. */
  lockFile?: string;
}

/** Frappe caps a page; 500 keeps each answer small on a slow link. */
const EMPLOYEE_PAGE = 500;
const MAX_EMPLOYEES = 100_000;

export async function readAllEmployees(erpnext: UserSyncSources['erpnext']): Promise<Result<EmployeeSummary[]>> {
  const employees: EmployeeSummary[] = [];
  for (let start = 0; start < MAX_EMPLOYEES; start += EMPLOYEE_PAGE) {
    const page = await erpnext.listEmployees({ start, pageLength: EMPLOYEE_PAGE });
    if (!page.ok) return page;
    employees.push(...page.value);
    if (page.value.length < EMPLOYEE_PAGE) break;
  }
  return { ok: true, value: employees };
}

function chooseDevices(journal: Journal, deviceId: string | undefined): Result<StoredDevice[]> {
  if (deviceId !== undefined) {
    const device = journal.getDevice(deviceId);
    if (!device) return { ok: false, error: { code: 'device-not-found', message: `No device "${deviceId}" is set up.`, action: 'Check the id with `punchbridge device list`.' } };
    if (journal.admsSerialOf(device.id) !== null) return { ok: false, error: admsOnly(device.name) };
    return { ok: true, value: [device] };
  }
  // ADMS terminals are reached through their command queue, not port 4370.
  const devices = journal.listDevices().filter((device) => device.enabled && journal.admsSerialOf(device.id) === null);
  if (devices.length === 0) return { ok: false, error: { code: 'no-devices', message: 'No enabled device is reachable on port 4370.', action: 'Add a device (or enable one) first.' } };
  return { ok: true, value: devices };
}

function admsOnly(name: string) {
  return {
    code: 'device-users-adms',
    message: `${name} sends its punches over ADMS push, and Punchbridge does not yet write users through the ADMS command queue.`,
    action: 'Add the users on the terminal itself, or connect to it on port 4370 as a separate device.',
  };
}

async function prepare(sources: UserSyncSources, input: DeviceUserSyncInput) {
  const devices = chooseDevices(sources.journal, input.deviceId);
  if (!devices.ok) return devices;
  const employees = await readAllEmployees(sources.erpnext);
  if (!employees.ok) return employees;
  const hooks = { connect: sources.connect, commKeyOf: (id: string) => sources.secrets.get(deviceCommKeyName(id)) };
  return { ok: true as const, request: { devices: devices.value, employees: employees.value, removeLeft: input.removeLeft ?? false }, hooks };
}

export async function previewUserSync(sources: UserSyncSources, input: DeviceUserSyncInput): Promise<Result<DeviceUserOverview>> {
  const prepared = await prepare(sources, input);
  if (!prepared.ok) return prepared;
  const employees = prepared.request.employees
    .filter((employee) => employee.attendanceDeviceId?.trim())
    .map((employee) => ({ employee: employee.name, employeeName: employee.employeeName, userId: employee.attendanceDeviceId!, status: employee.status }));
  return { ok: true, value: { devices: await previewDeviceUsers(prepared.request, prepared.hooks), employees } };
}

export async function applyUserSync(sources: UserSyncSources, input: ApplyDeviceUsersInput, requestedBy: string): Promise<Result<DeviceUserOutcome[]>> {
  // Many terminals take one session at a time: a sync reading the same terminal would break in,
  // so the changes wait for a running sync to end (and no sync starts while they are made).
  const lock = sources.lockFile ? await waitForRunLock(sources.lockFile, SYNC_WAIT_MS) : null;
  if (lock && !lock.ok) return { ok: false, error: SYNC_RUNNING };
  try {
    return await applyPrepared(sources, input, requestedBy);
  } finally {
    if (lock?.ok) lock.release();
  }
}

/** Longer than a sync of a few full terminals takes. */
const SYNC_WAIT_MS = 5 * 60_000;

const SYNC_RUNNING: ApiError = {
  code: 'sync-running',
  message: 'A sync kept reading the devices for 5 minutes, so no change was made to them.',
  action: 'Wait for the sync to finish (History shows it), then apply the changes again.',
};

async function applyPrepared(sources: UserSyncSources, input: ApplyDeviceUsersInput, requestedBy: string): Promise<Result<DeviceUserOutcome[]>> {
  const prepared = await prepare(sources, input);
  if (!prepared.ok) return prepared;
  const approved = new Set(input.approved.map((change) => changeKey(change.deviceId, change)));
  const devices = prepared.request.devices.filter((device) => input.approved.some((change) => change.deviceId === device.id));
  const outcomes = await applyDeviceUsers(
    { ...prepared.request, devices, approved, requestedBy },
    { ...prepared.hooks, record: (changes) => sources.journal.recordDeviceUserChanges(changes) },
  );
  return { ok: true, value: outcomes };
}
