// Exactly once when answers are slow or lost: a punch whose last push got no answer
// may be in ERPNext already, committed after the answer was lost. HRMS checks for a duplicate with
// a plain `exists` and no unique index, so its check cannot be relied on; before such a punch is
// sent again it is looked up, and the checkin found is recorded as its own.
import type { Result } from '../vocabulary';
import type { CheckinPunch, FoundCheckin, PushOutcome } from '../erpnext';

export interface OnceSender {
  pushCheckin(punch: CheckinPunch): Promise<PushOutcome>;
  findCheckin(punch: CheckinPunch): Promise<Result<FoundCheckin | null>>;
}

/**
 * Send one punch, looking it up first when it is in doubt. `inDoubt` holds the ids of punches in
 * doubt and is kept up to date: added when a push gets no answer, removed when one does.
 */
export async function sendOnce(punchId: number, checkin: CheckinPunch, inDoubt: Set<number>, sender: OnceSender): Promise<PushOutcome> {
  if (inDoubt.has(punchId)) {
    const found = await sender.findCheckin(checkin);
    if (!found.ok) {
      const error = { ...found.error, message: `The punch could not be looked up in ERPNext before sending it again: ${found.error.message}` };
      return { kind: 'transient', inDoubt: true, error, serverMessage: null };
    }
    if (found.value) {
      inDoubt.delete(punchId);
      return { kind: 'accepted', checkinName: found.value.checkinName, employee: found.value.employee, employeeName: found.value.employeeName, createdAt: null };
    }
  }
  const outcome = await sender.pushCheckin(checkin);
  if (outcome.kind === 'transient' && outcome.inDoubt) inDoubt.add(punchId);
  else inDoubt.delete(punchId);
  return outcome;
}
