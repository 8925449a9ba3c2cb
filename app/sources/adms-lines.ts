// Bodies ADMS ("iclock" push) devices upload (reference §4): positional tab-separated ATTLOG
// lines, and OPERLOG bodies whose USER lines carry key=value pairs.
import type { ImportedPunch, ParsedPunches } from './imported-punch';
import { parseTimeText } from './time-text';

/** `PIN \t YYYY-MM-DD HH:MM:SS \t Status \t Verify \t WorkCode \t ...`; only the first two are required. */
export function parseAttlogBody(body: string): ParsedPunches {
  const punches: ImportedPunch[] = [];
  const problems: ParsedPunches['problems'] = [];
  body.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const [pin = '', timeText = '', status = '', verify = ''] = raw.split('\t');
    const userId = pin.trim();
    const time = parseTimeText(timeText.trim(), 'ymd');
    if (userId === '' || 'reason' in time) {
      problems.push({ line, reason: userId === '' ? 'No user id' : (time as { reason: string }).reason });
      return;
    }
    punches.push({ line, userId, deviceTime: time.time, state: codeOr(status, 255), verify: codeOr(verify, 0) });
  });
  return { punches, problems };
}

export interface AdmsUser {
  userId: string;
  name: string;
  privilege: number;
  cardNumber: number;
}

/** USER lines of an OPERLOG body: `USER PIN=1\tName=Ann\tPri=0\tPasswd=\tCard=123\tGrp=1...`. */
export function parseOperlogUsers(body: string): AdmsUser[] {
  const users: AdmsUser[] = [];
  for (const raw of body.split(/\r?\n/)) {
    if (!raw.startsWith('USER ')) continue;
    const fields = new Map(
      raw
        .slice(5)
        .split('\t')
        .map((pair) => {
          const equals = pair.indexOf('=');
          return [pair.slice(0, equals).trim(), pair.slice(equals + 1)] as const;
        }),
    );
    const userId = fields.get('PIN')?.trim();
    if (!userId) continue;
    users.push({ userId, name: fields.get('Name') ?? '', privilege: codeOr(fields.get('Pri') ?? '', 0), cardNumber: codeOr(fields.get('Card') ?? '', 0) });
  }
  return users;
}

function codeOr(text: string, fallback: number): number {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= 0 ? value : fallback;
}
