// USB-exported attendance logs (`1_attlog.dat`, `<serial>_attlog.dat`, `attlog.txt`): one record a
// line, tab-separated PIN, time, device number, status, verify, work code (docs/zk-protocol.md §5).
import { forEachLine, latestPunchTime, punchTimeProblem, readCode, readUserId } from './field-checks';
import type { ImportedPunch, ParsedPunches, RowProblem } from './imported-punch';
import { parseTimeText } from './time-text';

export async function parseAttlogText(text: string, now: Date): Promise<ParsedPunches> {
  const punches: ImportedPunch[] = [];
  const problems: RowProblem[] = [];
  const latest = latestPunchTime(now);
  await forEachLine(text, (raw, line) => {
    const punch = attlogRecord(raw, line, latest);
    if ('reason' in punch) problems.push(punch);
    else punches.push(punch);
  });
  return { punches, problems };
}

function attlogRecord(raw: string, line: number, latest: string): ImportedPunch | RowProblem {
  // Some firmwares separate with spaces instead of tabs; the time itself holds one space.
  const fields = raw.includes('\t') ? raw.split('\t') : splitSpaceSeparated(raw);
  if (fields.length < 2 || (fields[0] ?? '').trim() === '') return { line, reason: 'Expected a user id and a time separated by a tab' };
  // The PIN is left-padded with spaces on many devices: readUserId trims it.
  const userId = readUserId(fields[0]);
  if ('reason' in userId) return { line, reason: userId.reason };
  const time = parseTimeText(fields[1]!.trim(), 'ymd');
  if ('reason' in time) return { line, reason: time.reason };
  const timeProblem = punchTimeProblem(time.time, latest);
  if (timeProblem !== null) return { line, reason: timeProblem };
  const state = readCode(fields[3], 'status', 0);
  if ('reason' in state) return { line, reason: state.reason };
  const verify = readCode(fields[4], 'verify type', 0);
  if ('reason' in verify) return { line, reason: verify.reason };
  return { line, userId: userId.value, deviceTime: time.time, state: state.value, verify: verify.value };
}

function splitSpaceSeparated(raw: string): string[] {
  const words = raw.trim().split(/\s+/);
  if (words.length < 3) return words;
  // words: PIN, date, time, device, status, verify, workcode
  return [words[0] ?? '', `${words[1] ?? ''} ${words[2] ?? ''}`, ...words.slice(3)];
}
