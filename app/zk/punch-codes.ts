// What the state and verify bytes of a punch mean (docs/zk-protocol.md §1.10, §4 ATTLOG).

const PUNCH_STATES: Record<number, string> = {
  0: 'check-in',
  1: 'check-out',
  2: 'break-out',
  3: 'break-in',
  4: 'overtime-in',
  5: 'overtime-out',
  255: 'none',
};

const VERIFY_TYPES: Record<number, string> = {
  0: 'password',
  1: 'fingerprint',
  2: 'card',
  4: 'card',
  15: 'face',
  25: 'palm',
};

export function punchStateName(state: number): string {
  return PUNCH_STATES[state] ?? `state ${state}`;
}

export function verifyTypeName(verify: number): string {
  return VERIFY_TYPES[verify] ?? `method ${verify}`;
}
