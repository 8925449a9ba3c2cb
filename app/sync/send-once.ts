// Exactly once when answers are slow or lost: a punch whose last push got no answer
// may be in ERPNext already, committed after the answer was lost. HRMS checks for a duplicate with
// a plain `exists` and no unique index, so its check cannot be relied on; before such a punch is
// sent again it is looked up, and the checkin found is recorded as its own. When the time trap may
// have caught the lost push, it is looked for at the server's time too (trapped-save.ts).
import type { Result } from '../vocabulary';
import type { CheckinPunch, FoundCheckin, PushOutcome, SavedCheckin } from '../erpnext';
import type { DoubtWindow } from '../journal';
import type { Clock } from './clock';
import { trappedSaveOutcome, type TrappedSaveFinder } from './trapped-save';

export interface OnceSender {
  pushCheckin(punch: CheckinPunch): Promise<PushOutcome>;
  findCheckin(punch: CheckinPunch): Promise<Result<FoundCheckin | null>>;
}

/** Punches in doubt, with when their unanswered pushes went (null when not known). */
export type InDoubt = Map<number, DoubtWindow | null>;

export interface TrapWatch {
  finder: TrappedSaveFinder;
  clock: Pick<Clock, 'now'>;
  /** The trap answered a push of a punch in doubt: the unanswered one before it was saved wrong too. */
  onEarlierTrappedSave(punchId: number, checkin: CheckinPunch, saved: SavedCheckin): void;
}

/**
 * Send one punch, looking it up first when it is in doubt. `inDoubt` holds the punches in doubt
 * and is kept up to date: added when a push gets no answer, removed when one does.
 */
export async function sendOnce(punchId: number, checkin: CheckinPunch, inDoubt: InDoubt, sender: OnceSender, trap: TrapWatch): Promise<PushOutcome> {
  const doubt = inDoubt.get(punchId) ?? null;
  if (inDoubt.has(punchId)) {
    const found = await sender.findCheckin(checkin);
    if (!found.ok) return lookupFailed(found.error);
    if (found.value) {
      inDoubt.delete(punchId);
      return { kind: 'accepted', checkinName: found.value.checkinName, employee: found.value.employee, employeeName: found.value.employeeName, createdAt: null };
    }
    if (doubt && trap.finder.mayHaveCaught(doubt)) {
      const trapped = await trap.finder.find(checkin, doubt);
      if (!trapped.ok) return lookupFailed(trapped.error);
      if (trapped.value) {
        inDoubt.delete(punchId);
        return trappedSaveOutcome(trapped.value, checkin);
      }
    }
  }
  const sentAt = new Date(trap.clock.now()).toISOString();
  const outcome = await sender.pushCheckin(checkin);
  if (outcome.kind === 'transient' && outcome.inDoubt) {
    inDoubt.set(punchId, { sentAt: doubt?.sentAt ?? sentAt, until: new Date(trap.clock.now()).toISOString() });
    return outcome;
  }
  if (outcome.kind === 'time-trap' && doubt) {
    // The unanswered push before this one was very likely trapped too. The trapped API user often
    // may not read other employees' checkins: when it is not found now, the punch stays in doubt,
    // to be looked for again when it is next sent, after the lift.
    const earlier = await trap.finder.find(checkin, doubt, [outcome.checkinName]);
    if (!earlier.ok || !earlier.value) return outcome;
    trap.onEarlierTrappedSave(punchId, checkin, earlier.value);
  }
  inDoubt.delete(punchId);
  return outcome;
}

function lookupFailed(error: { code: string; message: string; action: string }): PushOutcome {
  return {
    kind: 'transient',
    inDoubt: true,
    error: { ...error, message: `The punch could not be looked up in ERPNext before sending it again: ${error.message}` },
    serverMessage: null,
  };
}
