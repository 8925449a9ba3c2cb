// Employees to terminals for several devices: a preview of each one's changes, and applying the
// changes the person approved, each recorded with its outcome. One device failing does not stop the
// others; devices are done one after another, so a slow terminal holds up nobody but itself.
import type { ApiError, DeviceConfig, EmployeeSummary } from '../../vocabulary';
import type { DeviceUserChange, DeviceUserOutcome, DeviceUserPreview } from '../../vocabulary';
import type { NewDeviceUserChange } from '../../journal';
import { ZkError, type ZkConnectOptions, type ZkDevice, type ZkUser } from '../../zk';
import { connectOptionsFor, type ReachableDevice } from '../device-connection';
import { applyDeviceUserChanges } from './apply';
import { changeKey, planDeviceUsers } from './plan';

export type UserSyncDevice = Pick<DeviceConfig, 'name'> & ReachableDevice & { id: string };

export interface UserSyncHooks {
  connect(options: ZkConnectOptions): Promise<ZkDevice>;
  commKeyOf(deviceId: string): string | null;
}

export interface UserSyncRequest {
  devices: readonly UserSyncDevice[];
  employees: readonly EmployeeSummary[];
  removeLeft: boolean;
}

export async function previewDeviceUsers(request: UserSyncRequest, hooks: UserSyncHooks): Promise<DeviceUserPreview[]> {
  const previews: DeviceUserPreview[] = [];
  for (const device of request.devices) {
    const preview: DeviceUserPreview = { deviceId: device.id, deviceName: device.name, error: null, changes: [], skipped: [], userIds: [], fingerprints: null, waiting: [] };
    const outcome = await withConnection(device, hooks, async (connection) => {
      const table = await connection.readUserTable();
      const plan = planDeviceUsers({ ...request, users: table.users, recordSize: table.recordSize, nameEncoding: device.nameEncoding });
      return { ...plan, userIds: table.users.map((user) => user.userId), fingerprints: await fingerprintCounts(connection, table.users) };
    });
    if (outcome.ok) Object.assign(preview, outcome.value);
    else preview.error = outcome.error;
    previews.push(preview);
  }
  return previews;
}

/**
 * Makes the approved changes (keys from changeKey) that each terminal still needs, and hands every
 * attempt to `record`, so that History shows what was done and what was not.
 */
export async function applyDeviceUsers(
  request: UserSyncRequest & { approved: ReadonlySet<string>; requestedBy: string },
  hooks: UserSyncHooks & { record(changes: NewDeviceUserChange[]): void },
): Promise<DeviceUserOutcome[]> {
  const outcomes: DeviceUserOutcome[] = [];
  for (const device of request.devices) {
    const approved = (change: DeviceUserChange) => request.approved.has(changeKey(device.id, change));
    const outcome = await withConnection(device, hooks, (connection) =>
      applyDeviceUserChanges(connection, { employees: request.employees, removeLeft: request.removeLeft, nameEncoding: device.nameEncoding }, approved),
    );
    const results = outcome.ok ? outcome.value : [];
    hooks.record(
      results.map((result) => ({
        deviceId: device.id,
        deviceName: device.name,
        kind: result.kind,
        userId: result.userId,
        employee: result.employee,
        name: result.name,
        previousName: result.previousName,
        outcome: result.outcome,
        error: result.error?.message ?? null,
        requestedBy: request.requestedBy,
      })),
    );
    outcomes.push({ deviceId: device.id, deviceName: device.name, error: outcome.ok ? null : outcome.error, results });
  }
  return outcomes;
}

/** Some firmware refuses the template table (face-only units): the view then shows no counts. */
async function fingerprintCounts(connection: ZkDevice, users: readonly ZkUser[]): Promise<Record<string, number> | null> {
  try {
    const templates = await connection.readTemplates();
    const byUid = new Map<number, number>();
    for (const finger of templates) byUid.set(finger.uid, (byUid.get(finger.uid) ?? 0) + 1);
    return Object.fromEntries(users.map((user) => [user.userId, byUid.get(user.uid) ?? 0]));
  } catch (error) {
    if (error instanceof ZkError && error.code === 'device-refused') return null;
    throw error;
  }
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: ApiError };

async function withConnection<T>(device: UserSyncDevice, hooks: UserSyncHooks, work: (connection: ZkDevice) => Promise<T>): Promise<Attempt<T>> {
  let connection: ZkDevice | null = null;
  try {
    const commKey = hooks.commKeyOf(device.id);
    connection = await hooks.connect(connectOptionsFor(device, commKey));
    return { ok: true, value: await work(connection) };
  } catch (error) {
    if (!(error instanceof ZkError)) throw error;
    return { ok: false, error: error.toApiError() };
  } finally {
    await connection?.disconnect();
  }
}
