// One preview or apply as the CLI and the app run it: the devices chosen, every employee read from
// ERPNext, the terminals' lists read, and (on apply) each attempt written to the journal.
import type { ApiError, EmployeeSummary, Result } from '../../vocabulary';
import type { ApplyDeviceUsersInput, DeviceUserOutcome, DeviceUserOverview, DeviceUserSyncInput } from '../../vocabulary';
import type { ErpnextClient } from '../../erpnext';
import type { Journal, StoredDevice } from '../../journal';
import { deviceCommKeyName, type SecretStore } from '../../settings';
import type { ZkConnectOptions, ZkDevice } from '../../zk';
import { waitForRunLock } from '../run-lock';
import { previewAdmsDeviceUsers, queueAdmsDeviceUsers } from './adms-users';
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
    return { ok: true, value: [device] };
  }
  const devices = journal.listDevices().filter((device) => device.enabled);
  if (devices.length === 0) return { ok: false, error: { code: 'no-devices', message: 'No device is enabled.', action: 'Add a device (or enable one) first.' } };
  return { ok: true, value: devices };
}

/** Polled terminals are reached on port 4370; ADMS ones, by serial, through their command queue. */
function splitByReach(journal: Journal, devices: readonly StoredDevice[]) {
  const polled: StoredDevice[] = [];
  const pushing: { device: StoredDevice; serial: string }[] = [];
  for (const device of devices) {
    const serial = journal.admsSerialOf(device.id);
    if (serial === null) polled.push(device);
    else pushing.push({ device, serial });
  }
  return { polled, pushing };
}

/** Results in the order the devices were chosen, whichever way each was reached. */
function inDeviceOrder<T extends { deviceId: string }>(devices: readonly StoredDevice[], results: readonly T[]): T[] {
  return devices.flatMap((device) => results.filter((result) => result.deviceId === device.id));
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
  const { polled, pushing } = splitByReach(sources.journal, prepared.request.devices);
  const previews = [
    ...(await previewDeviceUsers({ ...prepared.request, devices: polled }, prepared.hooks)),
    ...pushing.map(({ device, serial }) => previewAdmsDeviceUsers(sources.journal, device, serial, prepared.request)),
  ];
  return { ok: true, value: { devices: inDeviceOrder(prepared.request.devices, previews), employees } };
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
  const { polled, pushing } = splitByReach(sources.journal, devices);
  const outcomes = [
    ...(await applyDeviceUsers(
      { ...prepared.request, devices: polled, approved, requestedBy },
      { ...prepared.hooks, record: (changes) => sources.journal.recordDeviceUserChanges(changes) },
    )),
    ...pushing.map(({ device, serial }) =>
      queueAdmsDeviceUsers(sources.journal, device, serial, { ...prepared.request, approved: (change) => approved.has(changeKey(device.id, change)), requestedBy }),
    ),
  ];
  return { ok: true, value: inDeviceOrder(devices, outcomes) };
}
