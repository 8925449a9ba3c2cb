// The query of an iclock request (docs/zk-protocol.md §4), checked before anything is looked up or
// logged: the serial becomes a log field and a journal key, the stamp goes back into the next
// handshake.

export interface IclockQuery {
  serialNumber: string;
  /** Upper-cased, e.g. ATTLOG; undefined for handshakes and polls. */
  table: string | undefined;
  /** Digits only; undefined when the terminal sent none. */
  stamp: string | undefined;
  /** The Comm Key set on the terminal, which push firmware sends on its registration handshake only. */
  pushCommKey: string | undefined;
}

export type IclockQueryOutcome = { ok: true; value: IclockQuery } | { ok: false; message: string };

/**
 * Serial numbers on ZKTeco stickers are letters and digits (CQZ7232960466, 0316144680030); the
 * bound leaves room for OEM ones and keeps out anything that is no name (newlines, kilobytes).
 */
const SERIAL_NUMBER = /^[\x21-\x7e]{1,64}$/;
/** The stamps we hand out and terminals send back are counters or Unix times. */
export const STAMP = /^\d{1,20}$/;

export function readIclockQuery(query: unknown): IclockQueryOutcome {
  const fields = (query ?? {}) as Record<string, unknown>;
  // The ZKTeco PUSH SDK spells it pushcommkey; some servers document PushCommKey.
  const keyName = Object.keys(fields).find((name) => name.toLowerCase() === 'pushcommkey');
  for (const name of ['SN', 'table', 'Stamp', ...(keyName ? [keyName] : [])]) {
    if (Array.isArray(fields[name])) return { ok: false, message: `${name} was given more than once; a terminal sends it once.` };
  }
  const serialNumber = typeof fields.SN === 'string' ? fields.SN.trim() : '';
  if (serialNumber === '') return { ok: false, message: 'Missing SN' };
  if (!SERIAL_NUMBER.test(serialNumber)) return { ok: false, message: 'SN must be 1 to 64 printable characters without spaces.' };
  const table = typeof fields.table === 'string' && fields.table !== '' ? fields.table.toUpperCase() : undefined;
  const stampText = typeof fields.Stamp === 'string' ? fields.Stamp.trim() : '';
  if (stampText !== '' && !STAMP.test(stampText)) return { ok: false, message: 'Stamp must be a number.' };
  const pushCommKey = keyName && typeof fields[keyName] === 'string' && fields[keyName] !== '' ? fields[keyName] : undefined;
  return { ok: true, value: { serialNumber, table, stamp: stampText === '' ? undefined : stampText, pushCommKey } };
}
