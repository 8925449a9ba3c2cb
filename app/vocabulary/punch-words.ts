// A punch's codes in the words HR reads: on screen, in an exported file and in an import preview.
import type { PunchSource, PunchState } from './punches';

export const PUNCH_STATE_LABELS: Record<PunchState, string> = {
  pending: 'Waiting to send',
  synced: 'In ERPNext',
  unmatched: 'No employee',
  rejected: 'Refused by ERPNext',
  failed: 'Will retry',
  ignored: 'Ignored',
};

export const PUNCH_SOURCE_LABELS: Record<PunchSource, string> = {
  zk: 'Read from the device',
  live: 'Sent live by the device',
  adms: 'Pushed by the device (ADMS)',
  file: 'Imported from a file',
};

/** The key a person pressed before punching (docs/zk-protocol.md, the attendance state byte). */
const PUNCH_KEYS: Record<number, string> = {
  0: 'Check in',
  1: 'Check out',
  2: 'Break out',
  3: 'Break in',
  4: 'Overtime in',
  5: 'Overtime out',
  255: 'No key',
};

/** How the device knew the person (docs/zk-protocol.md, the verify byte); card is 2 or 4 by firmware. */
const VERIFY_METHODS: Record<number, string> = {
  0: 'Password',
  1: 'Fingerprint',
  2: 'Card',
  4: 'Card',
  15: 'Face',
  25: 'Palm',
};

/** "Check in" for 0; a code the table does not know stays visible as "Key 7", for the device's own settings. */
export function punchKeyLabel(code: number): string {
  return PUNCH_KEYS[code] ?? `Key ${code}`;
}

/** "Fingerprint" for 1; an unknown method as "Other (9)". */
export function verifyMethodLabel(code: number): string {
  return VERIFY_METHODS[code] ?? `Other (${code})`;
}

/** ERPNext's messages may carry markup (`<a href=...>HR-EMP-00012</a>`, `<br>`): their text only. */
export function plainReason(reason: string): string {
  return reason.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}
