// What enrolling ERPNext's employees on one terminal takes: active employees with an
// Attendance Device ID the terminal lacks are added, changed names rewritten, and leavers removed
// only when asked. Administrators and users that match no employee are never touched.
import type { EmployeeSummary } from '../../vocabulary';
import type { DeviceUserChange, SkippedEmployee } from '../../vocabulary';
import { fitUserName, userIdFits, writableEncoding, type UserRecordSize, type ZkUser, type ZkUserWrite } from '../../zk';

export interface DeviceUserPlan {
  changes: DeviceUserChange[];
  skipped: SkippedEmployee[];
}

export interface PlanInput {
  users: readonly ZkUser[];
  recordSize: UserRecordSize;
  nameEncoding: string;
  employees: readonly EmployeeSummary[];
  removeLeft: boolean;
}

const LEAVER_STATUSES = new Set(['Left', 'Inactive']);
/** Privilege bits 1-3 give the role; any role above "user" is an administrator (docs/zk-protocol.md §1.11). */
const ROLE_BITS = 0b1110;

export const isDeviceAdministrator = (user: Pick<ZkUser, 'privilege'>) => (user.privilege & ROLE_BITS) !== 0;

export function planDeviceUsers(input: PlanInput): DeviceUserPlan {
  const plan: DeviceUserPlan = { changes: [], skipped: [] };
  const onDevice = new Map(input.users.map((user) => [user.userId, user]));
  const canWriteNames = writableEncoding(input.nameEncoding) !== null;
  for (const employee of withDeviceIds(input.employees)) {
    const userId = employee.attendanceDeviceId;
    const user = onDevice.get(userId);
    const skip = (reason: string) => plan.skipped.push({ employee: employee.name, userId, reason });
    if (LEAVER_STATUSES.has(employee.status)) {
      if (!user || !input.removeLeft) continue;
      if (isDeviceAdministrator(user)) skip(`${employee.status} in ERPNext, but a device administrator: Punchbridge never removes administrators`);
      else plan.changes.push({ kind: 'remove', userId, employee: employee.name, name: user.name, previousName: null });
      continue;
    }
    if (employee.status !== 'Active') continue;
    if (!canWriteNames) {
      skip(`names cannot be written in the device's encoding (${input.nameEncoding})`);
      continue;
    }
    const name = fitUserName(employee.employeeName, input.recordSize, input.nameEncoding);
    if (!user) {
      if (userIdFits(userId, input.recordSize)) plan.changes.push({ kind: 'add', userId, employee: employee.name, name, previousName: null });
      else skip(input.recordSize === 28 ? 'this terminal holds user ids as numbers up to 4294967295' : 'this terminal holds user ids of up to 23 letters and digits');
    } else if (user.name !== name) {
      plan.changes.push({ kind: 'rename', userId, employee: employee.name, name, previousName: user.name });
    }
  }
  return plan;
}

/** Employees whose Attendance Device ID is set; an ID two employees share is ERPNext's to fix. */
function withDeviceIds(employees: readonly EmployeeSummary[]): (EmployeeSummary & { attendanceDeviceId: string })[] {
  return employees.filter((employee): employee is EmployeeSummary & { attendanceDeviceId: string } => Boolean(employee.attendanceDeviceId?.trim()));
}

/** The record a change writes: a rename keeps the terminal's privilege, password, card and group. */
export function userWriteFor(change: DeviceUserChange, users: readonly ZkUser[]): ZkUserWrite {
  const existing = users.find((user) => user.userId === change.userId);
  if (existing) {
    return { uid: existing.uid, userId: existing.userId, name: change.name, privilege: existing.privilege, password: existing.password, cardNumber: existing.cardNumber, group: Number(existing.groupId) || 1 };
  }
  return { uid: nextFreeUid(users), userId: change.userId, name: change.name, privilege: 0, password: '', cardNumber: 0, group: 1 };
}

/** pyzk's next_uid: one past the highest uid; gaps left by removals are not reused. */
function nextFreeUid(users: readonly ZkUser[]): number {
  const highest = users.reduce((max, user) => Math.max(max, user.uid), 0);
  if (highest < 0xffff) return highest + 1;
  const taken = new Set(users.map((user) => user.uid));
  for (let uid = 1; uid < 0xffff; uid++) if (!taken.has(uid)) return uid;
  throw new RangeError('the terminal has no free uid left');
}

export const changeKey = (deviceId: string, change: Pick<DeviceUserChange, 'kind' | 'userId'>) => `${deviceId}:${change.kind}:${change.userId}`;
