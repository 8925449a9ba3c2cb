// USB-exported attendance logs (`1_attlog.dat`, `<serial>_attlog.dat`, `attlog.txt`): one record a
// line, tab-separated PIN, time, device number, status, verify, work code (reference §5).
import type { ImportedPunch, ParsedPunches } from './imported-punch';
import { parseTimeText } from './time-text';

export function parseAttlogText(text: string): ParsedPunches {
  const punches: ImportedPunch[] = [];
  const problems: ParsedPunches['problems'] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    // Some firmwares separate with spaces instead of tabs; the time itself holds one space.
    const fields = raw.includes('\t') ? raw.split('\t') : splitSpaceSeparated(raw);
    // The PIN is left-padded with spaces on many devices: trim it.
    const userId = (fields[0] ?? '').trim();
    if (userId === '' || fields.length < 2) {
      problems.push({ line, reason: 'Expected a user id and a time separated by a tab' });
      return;
    }
    const time = parseTimeText(fields[1]!.trim(), 'ymd');
    if ('reason' in time) {
      problems.push({ line, reason: time.reason });
      return;
    }
    const state = optionalCode(fields[3]);
    const verify = optionalCode(fields[4]);
    if (state === null || verify === null) {
      problems.push({ line, reason: 'The status and verify columns must be whole numbers' });
      return;
    }
    punches.push({ line, userId, deviceTime: time.time, state, verify });
  });
  return { punches, problems };
}

function splitSpaceSeparated(raw: string): string[] {
  const words = raw.trim().split(/\s+/);
  if (words.length < 3) return words;
  // words: PIN, date, time, device, status, verify, workcode
  return [words[0] ?? '', `${words[1] ?? ''} ${words[2] ?? ''}`, ...words.slice(3)];
}

function optionalCode(field: string | undefined): number | null {
  if (field === undefined || field.trim() === '') return 0;
  const value = Number(field.trim());
  return Number.isInteger(value) && value >= 0 ? value : null;
}
