// A finger enrolled once opens every door: a user's fingerprint templates read from one
// terminal and written to another, with the user, under the uid the target knows them by. A copy
// counts as done only when the target's template list shows the fingers.
import type { ApiError } from '../../vocabulary';
import { ZkError, type UserTable, type ZkDevice, type ZkTemplate, type ZkUser } from '../../zk';
import { userWriteFor } from './plan';

export interface TemplateCopyResult {
  userId: string;
  name: string;
  fingers: number;
  outcome: 'done' | 'refused' | 'unconfirmed' | 'not-attempted';
  error: ApiError | null;
}

export interface TemplateCopyPlan {
  userId: string;
  name: string;
  fingers: ZkTemplate[];
}

/** The source's users that have fingers (one, with `userId`), and their templates. */
export async function readFingerprints(source: ZkDevice, userId?: string): Promise<{ plans: TemplateCopyPlan[]; users: ZkUser[] }> {
  const { users } = await source.readUserTable();
  const templates = await source.readTemplates();
  const plans = users
    .filter((user) => userId === undefined || user.userId === userId)
    .map((user) => ({ userId: user.userId, name: user.name, fingers: templates.filter((finger) => finger.uid === user.uid) }))
    .filter((plan) => plan.fingers.length > 0);
  return { plans, users };
}

export async function writeFingerprints(target: ZkDevice, plans: readonly TemplateCopyPlan[]): Promise<TemplateCopyResult[]> {
  const table: UserTable = await target.readUserTable();
  const users = [...table.users];
  const results: TemplateCopyResult[] = [];
  let broken: ApiError | null = null;
  for (const plan of plans) {
    const base = { userId: plan.userId, name: plan.name, fingers: plan.fingers.length };
    if (broken) {
      results.push({ ...base, outcome: 'not-attempted', error: broken });
      continue;
    }
    // An existing user keeps the target's uid, name, privilege and card; a new one comes as a plain user.
    const known = users.find((user) => user.userId === plan.userId);
    const write = userWriteFor({ kind: 'add', userId: plan.userId, employee: '', name: known?.name ?? plan.name, previousName: null }, users);
    try {
      await target.writeUserTemplates(write, table.recordSize, plan.fingers);
      if (!users.some((user) => user.uid === write.uid)) users.push({ ...write, cardNumber: write.cardNumber, groupId: String(write.group) });
      results.push({ ...base, outcome: 'unconfirmed', error: null });
    } catch (error) {
      if (!(error instanceof ZkError)) throw error;
      if (error.code === 'device-refused') results.push({ ...base, outcome: 'refused', error: error.toApiError() });
      else {
        broken = error.toApiError();
        results.push({ ...base, outcome: 'unconfirmed', error: broken });
      }
    }
  }
  if (!broken && results.some((result) => result.outcome === 'unconfirmed')) await confirmFingers(target, results);
  return results;
}

async function confirmFingers(target: ZkDevice, results: TemplateCopyResult[]): Promise<void> {
  try {
    await target.refreshData().catch((error: unknown) => {
      if (!(error instanceof ZkError && error.code === 'device-refused')) throw error;
    });
    const { users } = await target.readUserTable();
    const templates = await target.readTemplates();
    for (const result of results) {
      if (result.outcome !== 'unconfirmed') continue;
      const uid = users.find((user) => user.userId === result.userId)?.uid;
      const shown = templates.filter((finger) => finger.uid === uid).length;
      if (uid !== undefined && shown >= result.fingers) Object.assign(result, { outcome: 'done', error: null });
      else result.error = { code: 'templates-not-shown', message: `The device acknowledged the fingerprints of user ${result.userId}, but lists ${shown} of ${result.fingers}.`, action: 'Copy again; if it keeps failing, check the device\'s free fingerprint capacity.' };
    }
  } catch (error) {
    if (!(error instanceof ZkError)) throw error;
    for (const result of results) if (result.outcome === 'unconfirmed') result.error = error.toApiError();
  }
}
