// Employees to an ADMS terminal, which Punchbridge cannot call: the preview plans against the user
// list the terminal last uploaded (OPERLOG), and applying queues one command per change for its
// next polls. Each change stays queued until the terminal's answer says done or refused.
import type { DeviceUserChange, DeviceUserOutcome, DeviceUserPreview } from '../../vocabulary';
import type { Journal } from '../../journal';
import { userInfoUpdateCommand, userInfoDeleteCommand } from '../../sources';
import type { ZkUser } from '../../zk';
import { planDeviceUsers, type DeviceUserPlan } from './plan';
import type { UserSyncDevice, UserSyncRequest } from './sync-device-users';

/** Push firmware holds names as the 72-byte layout does (24 bytes) and takes UTF-8 over HTTP. */
const ADMS_RECORD_SIZE = 72;
const ADMS_NAME_ENCODING = 'utf-8';

function planFor(journal: Journal, serial: string, request: UserSyncRequest): DeviceUserPlan & { users: ZkUser[] } {
  const users = journal.listDeviceUsers(serial).map((user) => ({ uid: 0, userId: user.userId, name: user.name, privilege: user.privilege, password: '', cardNumber: user.cardNumber, groupId: '1' }));
  return { ...planDeviceUsers({ ...request, users, recordSize: ADMS_RECORD_SIZE, nameEncoding: ADMS_NAME_ENCODING }), users };
}

export function previewAdmsDeviceUsers(journal: Journal, device: UserSyncDevice, serial: string, request: UserSyncRequest): DeviceUserPreview {
  const { changes, skipped, users } = planFor(journal, serial, request);
  // Templates reach us only as the terminal uploads them, and are not kept: no counts to show.
  return { deviceId: device.id, deviceName: device.name, error: null, changes, skipped, userIds: users.map((user) => user.userId), fingerprints: null };
}

function commandFor(change: DeviceUserChange, users: readonly ZkUser[]): string {
  if (change.kind === 'remove') return userInfoDeleteCommand(change.userId);
  // A rename keeps the terminal's privilege; a new user is a plain user.
  const privilege = users.find((user) => user.userId === change.userId)?.privilege ?? 0;
  return userInfoUpdateCommand({ userId: change.userId, name: change.name, privilege });
}

/** Queues the approved changes the terminal still needs, each recorded in History as queued. */
export function queueAdmsDeviceUsers(
  journal: Journal,
  device: UserSyncDevice,
  serial: string,
  request: UserSyncRequest & { approved: (change: DeviceUserChange) => boolean; requestedBy: string },
): DeviceUserOutcome {
  const { changes, users } = planFor(journal, serial, request);
  const queued = changes.filter(request.approved);
  journal.transaction(() =>
    journal.queueAdmsUserChanges(
      serial,
      queued.map((change) => ({ command: commandFor(change, users), change: { ...change, deviceId: device.id, deviceName: device.name, requestedBy: request.requestedBy } })),
    ),
  );
  return { deviceId: device.id, deviceName: device.name, error: null, results: queued.map((change) => ({ ...change, outcome: 'queued', error: null })) };
}
