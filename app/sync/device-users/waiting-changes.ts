// An ADMS terminal's users as they will be once it has run the changes still waiting in its
// command queue. Plans start from there, so a change queued but not answered is not planned (nor
// queued) again; a newer wish for the same person replaces a command the terminal has not fetched.
import type { DeviceUserChange } from '../../vocabulary';
import type { WaitingAdmsUserChange } from '../../journal';
import type { ZkUser } from '../../zk';

/** The terminal runs its commands in id order: one poll's in the reply's order, polls one after another. */
export function withWaitingChanges(users: readonly ZkUser[], waiting: readonly WaitingAdmsUserChange[]): ZkUser[] {
  const byId = new Map(users.map((user) => [user.userId, user]));
  for (const change of waiting) {
    if (change.kind === 'remove') byId.delete(change.userId);
    else byId.set(change.userId, { ...(byId.get(change.userId) ?? newUser(change.userId)), name: change.name });
  }
  return [...byId.values()];
}

/** A user as DATA UPDATE USERINFO creates one: a plain user with no card or password. */
const newUser = (userId: string): ZkUser => ({ uid: 0, userId, name: '', privilege: 0, password: '', cardNumber: 0, groupId: '1' });

export interface AdmsQueuePlan {
  /** Commands the terminal has not fetched that a newer wish for the same person replaces. */
  withdraw: WaitingAdmsUserChange[];
  /** Changes to queue, each after whatever the terminal has already fetched for that person. */
  queue: DeviceUserChange[];
  /** Approved changes that need no command once the replaced ones are gone: the terminal already is so. */
  alreadyThere: DeviceUserChange[];
  /** The users the queued commands are written against. */
  users: ZkUser[];
}

/**
 * What applying the approved changes takes. A command already fetched will run, so a contradicting
 * wish is queued after it; one not fetched is withdrawn and the person planned again without it,
 * so the terminal never runs a change that is no longer wanted (a remove, then an add, would
 * lose the person's fingerprints on the way).
 */
export function planAdmsQueue(
  uploaded: readonly ZkUser[],
  waiting: readonly WaitingAdmsUserChange[],
  plan: (users: readonly ZkUser[]) => DeviceUserChange[],
  approved: (change: DeviceUserChange) => boolean,
): AdmsQueuePlan {
  const wanted = plan(withWaitingChanges(uploaded, waiting)).filter(approved);
  const wantedIds = new Set(wanted.map((change) => change.userId));
  const withdraw = waiting.filter((change) => !change.sent && wantedIds.has(change.userId));
  const users = withWaitingChanges(
    uploaded,
    waiting.filter((change) => !withdraw.includes(change)),
  );
  const replanned = new Map(plan(users).map((change) => [change.userId, change]));
  const queue: DeviceUserChange[] = [];
  const alreadyThere: DeviceUserChange[] = [];
  for (const change of wanted) {
    const needed = replanned.get(change.userId);
    if (needed) queue.push(needed);
    else alreadyThere.push(change);
  }
  return { withdraw, queue, alreadyThere, users };
}
