// Bodies ADMS ("iclock" push) devices upload (docs/zk-protocol.md §4): positional tab-separated
// ATTLOG lines, and OPERLOG bodies whose USER lines carry key=value pairs. Each line stands alone:
// a bad one is a problem line and the others are kept.
import { forEachLine, latestPunchTime, punchTimeProblem, readCardNumber, readCode, readUserId } from './field-checks';
import type { ImportedPunch, ParsedPunches, RowProblem } from './imported-punch';
import { parseTimeText } from './time-text';

/** `PIN \t YYYY-MM-DD HH:MM:SS \t Status \t Verify \t WorkCode \t ...`; only the first two are required. */
export async function parseAttlogBody(body: string, now: Date): Promise<ParsedPunches> {
  const punches: ImportedPunch[] = [];
  const problems: RowProblem[] = [];
  const latest = latestPunchTime(now);
  await forEachLine(body, (raw, line) => {
    const punch = attlogLine(raw, line, latest);
    if ('reason' in punch) problems.push(punch);
    else punches.push(punch);
  });
  return { punches, problems };
}

function attlogLine(raw: string, line: number, latest: string): ImportedPunch | RowProblem {
  const [pin, timeText = '', status, verify] = raw.split('\t');
  const userId = readUserId(pin);
  if ('reason' in userId) return { line, reason: userId.reason };
  const time = parseTimeText(timeText.trim(), 'ymd');
  if ('reason' in time) return { line, reason: time.reason };
  const timeProblem = punchTimeProblem(time.time, latest);
  if (timeProblem !== null) return { line, reason: timeProblem };
  const state = readCode(status, 'status', 255);
  if ('reason' in state) return { line, reason: state.reason };
  const verifyType = readCode(verify, 'verify type', 0);
  if ('reason' in verifyType) return { line, reason: verifyType.reason };
  return { line, userId: userId.value, deviceTime: time.time, state: state.value, verify: verifyType.value };
}

export interface AdmsUser {
  userId: string;
  name: string;
  privilege: number;
  cardNumber: number;
}

/** USER lines of an OPERLOG body: `USER PIN=1\tName=Ann\tPri=0\tPasswd=\tCard=123\tGrp=1...`. */
export async function parseOperlogUsers(body: string): Promise<{ users: AdmsUser[]; problems: RowProblem[] }> {
  const users: AdmsUser[] = [];
  const problems: RowProblem[] = [];
  await forEachLine(body, (raw, line) => {
    if (!raw.startsWith('USER ')) return;
    const user = userLine(raw, line);
    if ('reason' in user) problems.push(user);
    else users.push(user);
  });
  return { users, problems };
}

function userLine(raw: string, line: number): AdmsUser | RowProblem {
  const fields = new Map(
    raw
      .slice(5)
      .split('\t')
      .map((pair) => {
        const equals = pair.indexOf('=');
        return [pair.slice(0, equals).trim(), pair.slice(equals + 1)] as const;
      }),
  );
  const userId = readUserId(fields.get('PIN'));
  if ('reason' in userId) return { line, reason: userId.reason };
  const privilege = readCode(fields.get('Pri'), 'privilege', 0);
  if ('reason' in privilege) return { line, reason: privilege.reason };
  const cardNumber = readCardNumber(fields.get('Card'));
  if ('reason' in cardNumber) return { line, reason: cardNumber.reason };
  return { userId: userId.value, name: fields.get('Name') ?? '', privilege: privilege.value, cardNumber: cardNumber.value };
}
