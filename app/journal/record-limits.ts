// What a punch or a device user may hold before it is stored. SQLite keeps any integer, but
// node:sqlite throws reading one beyond 2^53, so one absurd number written once would break every
// later read of the punch list. The limits are those of the device's own record fields
// (docs/zk-protocol.md §1.10, §1.11): one byte for state and verify, a 24-byte PIN, a u32 card
// number.

export const PUNCH_CODE_MAX = 255;
export const USER_ID_MAX_LENGTH = 24;
export const CARD_NUMBER_MAX = 0xffff_ffff;
/** Terminals count time from 2000 (docs/zk-protocol.md §1.7): an earlier punch is a reset clock or a typo. */
export const EARLIEST_PUNCH_YEAR = 2000;

// Control characters in a PIN would end up in logs and ERPNext fields.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Why `userId` cannot be a device user id, or null when it can. */
export function userIdProblem(userId: string): string | null {
  if (userId === '') return 'No user id';
  // Checked first, so the reason below never echoes a control character into a log.
  if (CONTROL_CHARACTER.test(userId)) return 'The user id holds a control character';
  if (userId.length > USER_ID_MAX_LENGTH) return `The user id "${userId.slice(0, USER_ID_MAX_LENGTH)}…" is longer than ${USER_ID_MAX_LENGTH} characters`;
  return null;
}

export function isWholeNumberUpTo(value: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= max;
}
