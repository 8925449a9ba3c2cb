// A punch whose push got no answer may have been saved by the time trap (docs/frappe-hr.md §0.5):
// at the server's clock, not the punch time, so the lookup by its own time finds nothing and it
// would be sent again with the wrong checkin left unlisted. Such a save is looked for by employee,
// device and log type in the time the trap could have stamped it, and only while a push stop
// stands or has stood since the push went: outside that, the trap was never seen.
import type { ApiError, Result } from '../vocabulary';
import type { CheckinPunch, PushOutcome, SavedCheckin } from '../erpnext';
import type { DoubtWindow, PushStopStore, TrapDoubtQueries } from '../journal';
import { instantToWallClock } from './time-zone';

/**
 * bench's gunicorn worker timeout: a proxy may answer 504 sooner, while the worker goes on and
 * saves the checkin up to this long after the request left.
 */
const WORKER_TIMEOUT_MS = 120_000;
/** How far ERPNext's clock may be from this computer's: the allowance the server zone check makes. */
const SERVER_CLOCK_TOLERANCE_MS = 5 * 60_000;

/** The server wall-clock times between which the trap would have saved a push of this window. */
export function trapWindow(doubt: DoubtWindow, serverZone: string): { from: string; to: string } {
  const sentAt = Date.parse(doubt.sentAt);
  const latest = Math.max(Date.parse(doubt.until), sentAt + WORKER_TIMEOUT_MS);
  return {
    from: instantToWallClock(new Date(sentAt - SERVER_CLOCK_TOLERANCE_MS), serverZone),
    to: instantToWallClock(new Date(latest + SERVER_CLOCK_TOLERANCE_MS), serverZone),
  };
}

/** A stop stands now, or one was set or cleared after the push went: the trap may have caught it. */
export function trapMayHaveCaught(doubt: DoubtWindow, stopStands: boolean, lastStopAt: string | null): boolean {
  return stopStands || (lastStopAt !== null && Date.parse(lastStopAt) >= Date.parse(doubt.sentAt));
}

/** The earliest saved checkin that no punch in the journal owns yet. */
export function firstUnowned(saved: readonly SavedCheckin[], owned: ReadonlySet<string>): SavedCheckin | null {
  return saved.find((checkin) => !owned.has(checkin.checkinName)) ?? null;
}

export interface TrappedSaveFinder {
  /** Whether the trap may have caught a push of this window, from the stops the journal knows. */
  mayHaveCaught(doubt: DoubtWindow): boolean;
  /**
   * The checkin the trap saved for this punch's unanswered push, or null when there is none;
   * `notThese`: checkins known to be another push's that the journal does not hold yet.
   */
  find(checkin: CheckinPunch, doubt: DoubtWindow, notThese?: readonly string[]): Promise<Result<SavedCheckin | null>>;
}

export interface TrappedSaveFinderOptions {
  journal: Pick<PushStopStore, 'getPushStop'> & Pick<TrapDoubtQueries, 'lastPushStopAt' | 'ownedCheckinNames'>;
  serverZone: string;
  findCheckinsSavedBetween(checkin: CheckinPunch, from: string, to: string): Promise<Result<SavedCheckin[]>>;
}

export function createTrappedSaveFinder(options: TrappedSaveFinderOptions): TrappedSaveFinder {
  const { journal } = options;
  return {
    mayHaveCaught: (doubt) => trapMayHaveCaught(doubt, journal.getPushStop() !== null, journal.lastPushStopAt()),
    async find(checkin, doubt, notThese = []) {
      const { from, to } = trapWindow(doubt, options.serverZone);
      const saved = await options.findCheckinsSavedBetween(checkin, from, to);
      if (!saved.ok) return saved;
      const owned = journal.ownedCheckinNames(saved.value.map((found) => found.checkinName));
      for (const name of notThese) owned.add(name);
      return { ok: true, value: firstUnowned(saved.value, owned) };
    },
  };
}

/** A trapped save found this way is settled as if its answer had come: held, listed, pushing stopped. */
export function trappedSaveOutcome(saved: SavedCheckin, checkin: CheckinPunch): PushOutcome {
  return { kind: 'time-trap', checkinName: saved.checkinName, savedTime: saved.savedTime, error: trappedSaveError(saved, checkin.timestamp), serverMessage: null };
}

export function trappedSaveError(saved: SavedCheckin, sentTime: string): ApiError {
  return {
    code: 'erpnext-time-trap',
    message:
      `A push of this punch got no answer, and ERPNext had saved it as checkin ${saved.checkinName} at its own current time ${saved.savedTime} ` +
      `instead of the punch time ${sentTime}: the API user is not allowed to set the Time field of Employee Checkin. Pushing has stopped so that no more punches get a wrong time.`,
    action: `In ERPNext give the API user the HR User or HR Manager role, delete checkin ${saved.checkinName}, then sync again.`,
  };
}
