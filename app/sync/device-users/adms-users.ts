// Employees to an ADMS terminal, which Punchbridge cannot call: the preview plans against the user
// list the terminal last uploaded (OPERLOG) with the changes still waiting in its queue applied,
// and applying queues one command per change for its next polls. Each change stays queued until the
// terminal's answer says done or refused.
import type { DeviceUserChange, DeviceUserOutcome, DeviceUserPreview, WaitingDeviceUserChange } from '../../vocabulary';
import type { Journal, WaitingAdmsUserChange } from '../../journal';
import { userInfoUpdateCommand, userInfoDeleteCommand } from '../../sources';
import type { ZkUser } from '../../zk';
import { planDeviceUsers } from './plan';
import type { UserSyncDevice, UserSyncRequest } from './sync-device-users';
import { planAdmsQueue, withWaitingChanges } from './waiting-changes';

/** Push firmware holds names as the 72-byte layout does (24 bytes) and takes UTF-8 over HTTP. */
const ADMS_RECORD_SIZE = 72;
const ADMS_NAME_ENCODING = 'utf-8';

function uploadedUsers(journal: Journal, serial: string): ZkUser[] {
  return journal.listDeviceUsers(serial).map((user) => ({ uid: 0, userId: user.userId, name: user.name, privilege: user.privilege, password: '', cardNumber: user.cardNumber, groupId: '1' }));
}

const planAgainst = (request: UserSyncRequest) => (users: readonly ZkUser[]) =>
  planDeviceUsers({ ...request, users, recordSize: ADMS_RECORD_SIZE, nameEncoding: ADMS_NAME_ENCODING });

const waitingForPreview = ({ commandId: _id, queuedAt, ...change }: WaitingAdmsUserChange): WaitingDeviceUserChange => ({ ...change, since: queuedAt });

export function previewAdmsDeviceUsers(journal: Journal, device: UserSyncDevice, serial: string, request: UserSyncRequest): DeviceUserPreview {
  const users = uploadedUsers(journal, serial);
  const waiting = journal.listWaitingAdmsUserChanges(serial);
  const { changes, skipped } = planAgainst(request)(withWaitingChanges(users, waiting));
  // Templates reach us only as the terminal uploads them, and are not kept: no counts to show.
  return { deviceId: device.id, deviceName: device.name, error: null, changes, skipped, userIds: users.map((user) => user.userId), fingerprints: null, waiting: waiting.map(waitingForPreview) };
}

function commandFor(change: DeviceUserChange, users: readonly ZkUser[]): string {
  if (change.kind === 'remove') return userInfoDeleteCommand(change.userId);
  // A rename keeps the terminal's privilege; a new user is a plain user.
  const privilege = users.find((user) => user.userId === change.userId)?.privilege ?? 0;
  return userInfoUpdateCommand({ userId: change.userId, name: change.name, privilege });
}

const replacedReason = (change: WaitingAdmsUserChange) =>
  `Withdrawn before the terminal fetched it: a later change for ${change.userId} replaced it.`;

/** Queues the approved changes the terminal still needs, each recorded in History as queued. */
export function queueAdmsDeviceUsers(
  journal: Journal,
  device: UserSyncDevice,
  serial: string,
  request: UserSyncRequest & { approved: (change: DeviceUserChange) => boolean; requestedBy: string },
): DeviceUserOutcome {
  // One transaction: a poll cannot fetch a command between the plan and its withdrawal.
  const { queue, alreadyThere } = journal.transaction(() => {
    const plan = planAdmsQueue(uploadedUsers(journal, serial), journal.listWaitingAdmsUserChanges(serial), (users) => planAgainst(request)(users).changes, request.approved);
    for (const change of plan.withdraw) journal.withdrawAdmsUserChange(serial, change.commandId, replacedReason(change));
    const recorded = (change: DeviceUserChange) => ({ ...change, deviceId: device.id, deviceName: device.name, requestedBy: request.requestedBy });
    journal.queueAdmsUserChanges(
      serial,
      plan.queue.map((change) => ({ command: commandFor(change, plan.users), change: recorded(change) })),
    );
    // The uploaded list already shows these once the commands they replace are gone.
    journal.recordDeviceUserChanges(plan.alreadyThere.map((change) => ({ ...recorded(change), outcome: 'done', error: null })));
    return plan;
  });
  return {
    deviceId: device.id,
    deviceName: device.name,
    error: null,
    results: [...queue.map((change) => ({ ...change, outcome: 'queued' as const, error: null })), ...alreadyThere.map((change) => ({ ...change, outcome: 'done' as const, error: null }))],
  };
}
