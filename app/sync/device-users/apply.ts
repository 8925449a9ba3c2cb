// Making a terminal's users match the plan the person approved, one command at a time, then
// reading the list back: a change counts as done only when the terminal shows it, so a write cut off
// by a crash is never reported as done.
import type { ApiError } from '../../vocabulary';
import type { ChangeResult, DeviceUserChange } from '../../vocabulary';
import { ZkError, type UserTable, type ZkDevice } from '../../zk';
import { planDeviceUsers, userWriteFor, type PlanInput } from './plan';

const UNCONFIRMED: ApiError = {
  code: 'device-users-unconfirmed',
  message: 'The terminal acknowledged the change, but the connection ended before its user list could be read back to check it.',
  action: 'Preview the sync again: a change still needed shows up again and can be applied once more.',
};

const NOT_ATTEMPTED: ApiError = {
  code: 'device-users-not-attempted',
  message: 'Not attempted: the connection to the terminal ended before this change.',
  action: 'Check that the terminal is on and reachable, then preview and apply again.',
};

function notShown(change: DeviceUserChange): ApiError {
  return {
    code: 'device-users-not-shown',
    message: `The terminal acknowledged the change to user ${change.userId}, but its user list does not show it.`,
    action: 'Preview again; if the change keeps coming back, check the terminal\'s user menu and its free capacity.',
  };
}

/** Only the approved changes (by `approved(change)`) are made, and only while the terminal still needs them. */
export async function applyDeviceUserChanges(
  device: ZkDevice,
  input: Omit<PlanInput, 'users' | 'recordSize'>,
  approved: (change: DeviceUserChange) => boolean,
): Promise<ChangeResult[]> {
  const table = await device.readUserTable();
  const changes = planDeviceUsers({ ...input, users: table.users, recordSize: table.recordSize }).changes.filter(approved);
  const users = [...table.users];
  const results: ChangeResult[] = [];
  let broken = false;
  for (const change of changes) {
    if (broken) {
      results.push({ ...change, outcome: 'not-attempted', error: NOT_ATTEMPTED });
      continue;
    }
    try {
      await makeChange(device, change, users, table);
      results.push({ ...change, outcome: 'unconfirmed', error: UNCONFIRMED });
    } catch (error) {
      if (!(error instanceof ZkError)) throw error;
      if (error.code === 'device-refused') {
        results.push({ ...change, outcome: 'refused', error: error.toApiError() });
        continue;
      }
      // A timeout or a dropped link: the terminal may or may not have stored this one.
      broken = true;
      results.push({ ...change, outcome: 'unconfirmed', error: error.toApiError() });
    }
  }
  if (!broken && results.some((result) => result.outcome === 'unconfirmed')) await confirm(device, results);
  return results;
}

async function makeChange(device: ZkDevice, change: DeviceUserChange, users: UserTable['users'], table: UserTable): Promise<void> {
  if (change.kind === 'remove') {
    const user = users.find((candidate) => candidate.userId === change.userId)!;
    await device.deleteUser(user.uid);
    users.splice(users.indexOf(user), 1);
    return;
  }
  const write = userWriteFor(change, users);
  await device.writeUser(write, table.recordSize);
  const index = users.findIndex((user) => user.uid === write.uid);
  const written = { uid: write.uid, userId: write.userId, name: write.name, privilege: write.privilege, password: write.password, cardNumber: write.cardNumber, groupId: String(write.group) };
  if (index === -1) users.push(written);
  else users[index] = written;
}

async function confirm(device: ZkDevice, results: ChangeResult[]): Promise<void> {
  try {
    // The terminal reloads its tables; firmware that refuses the refresh has still stored the users.
    await device.refreshData().catch((error: unknown) => {
      if (!(error instanceof ZkError && error.code === 'device-refused')) throw error;
    });
    const shown = new Map((await device.readUsers()).map((user) => [user.userId, user]));
    for (const result of results) {
      if (result.outcome !== 'unconfirmed') continue;
      const user = shown.get(result.userId);
      const visible = result.kind === 'remove' ? !user : user?.name === result.name;
      Object.assign(result, visible ? { outcome: 'done', error: null } : { outcome: 'unconfirmed', error: notShown(result) });
    }
  } catch (error) {
    if (!(error instanceof ZkError)) throw error;
    // Left unconfirmed, with the reason they could not be checked.
    for (const result of results) if (result.outcome === 'unconfirmed') result.error = error.toApiError();
  }
}
