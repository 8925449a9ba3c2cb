// Punches of a device user id that no employee carries need no request each: ERPNext's answer to one
// of them holds for all. The Employee list the run read only says which ids are suspect, never which
// are missing: a User Permission or a role without Employee read narrows that list, and a punch of an
// employee the API user cannot see must still be sent (and answered for). So the first punch of a
// suspect id goes to ERPNext alone; the others of that id wait for its answer, and are held as
// unmatched without a request only when ERPNext said it has no such employee.
import type { CheckinPunch, PushOutcome } from '../erpnext';

export interface UnknownUserIds {
  /** Sends the checkin, or answers for it without a request when ERPNext already refused its user id. */
  send(checkin: CheckinPunch, mappedByHand: boolean, push: () => Promise<PushOutcome>): Promise<PushOutcome>;
}

/** `listed`: the employee field values of the Employee list just read; null when it could not be read. */
export function unknownUserIds(listed: ReadonlySet<string> | null, employeeFieldname: string): UnknownUserIds {
  const known = listed ? new Set([...listed].map(asDatabaseCompares)) : null;
  // Per suspect id: whether ERPNext answered "no employee" for the first punch sent of it.
  const verdicts = new Map<string, Promise<boolean>>();

  return {
    async send(checkin, mappedByHand, push) {
      const value = asDatabaseCompares(checkin.employeeFieldValue);
      if (mappedByHand || known === null || known.has(value)) return push();
      const verdict = verdicts.get(value);
      if (verdict === undefined) {
        const outcome = push();
        verdicts.set(value, outcome.then((answer) => answer.kind === 'no-employee', () => false));
        return outcome;
      }
      if (!(await verdict)) return push();
      return heldWithoutRequest(checkin, employeeFieldname);
    },
  };
}

/** MariaDB's default collation ignores case and trailing spaces when ERPNext compares the field. */
function asDatabaseCompares(value: string): string {
  return value.trimEnd().toLowerCase();
}

function heldWithoutRequest(checkin: CheckinPunch, defaultFieldname: string): PushOutcome {
  const fieldname = checkin.employeeFieldname ?? defaultFieldname;
  return {
    kind: 'no-employee',
    error: {
      code: 'erpnext-no-employee',
      // Worded as HRMS's own refusal, which people and the Punches page know.
      message: `No Employee found with ${fieldname} ${checkin.employeeFieldValue}: ERPNext said so for another punch of this user id in this run, so this one was not sent.`,
      action: 'Map this device user to an employee, or set the Attendance Device ID on the employee in ERPNext, then retry.',
    },
    serverMessage: null,
  };
}
