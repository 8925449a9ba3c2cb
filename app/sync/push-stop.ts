// The time trap's stop, as pushing and the status read it (docs/frappe-hr.md §0.5). While it stands
// nothing is pushed, by a run or by the live pusher; once a person lifts it, punches go one at a
// time until one is accepted with its own time, and only then at full concurrency.
import type { ApiError, PushStop } from '../vocabulary';

export type PushGate = { kind: 'open' } | { kind: 'stopped'; error: ApiError } | { kind: 'checking' };

export function pushGate(stop: PushStop | null): PushGate {
  if (!stop) return { kind: 'open' };
  if (stop.liftedAt === null) return { kind: 'stopped', error: timeTrapStopError(stop) };
  return { kind: 'checking' };
}

/** The list HR needs: every checkin made with the wrong time, to delete in ERPNext. */
export function timeTrapStopError(stop: PushStop): ApiError {
  const wrong = stop.wrongCheckins;
  const list = wrong.map((checkin) => `${checkin.checkinName} (punch ${checkin.sentTime}, saved as ${checkin.savedTime})`).join(', ');
  const names = wrong.map((checkin) => checkin.checkinName).join(', ');
  return {
    code: 'erpnext-time-trap',
    message:
      'Pushing has stopped: ERPNext saved checkins at its own current time instead of the punch time, because the API user may not set ' +
      `the Time field of Employee Checkin. ${wrong.length === 1 ? 'The wrong checkin is' : `The ${wrong.length} wrong checkins are`} ${list}.`,
    action:
      `In ERPNext give the API user the HR User or HR Manager role and delete ${wrong.length === 1 ? 'checkin' : 'checkins'} ${names}; ` +
      'then press "The role is fixed" on the dashboard (or run `punchbridge lift-stop`). Punchbridge sends one punch first and checks its time before the rest.',
  };
}
