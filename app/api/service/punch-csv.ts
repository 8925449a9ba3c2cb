// A punch as one row of the exported CSV: the words and times the punch list shows, so a
// spreadsheet reads the same as the screen.
import { PUNCH_SOURCE_LABELS, PUNCH_STATE_LABELS, plainReason, punchKeyLabel, verifyMethodLabel, type Punch } from '../../vocabulary';
import { instantToWallClock } from '../../sync';

type Cell = string | number | null;

/**
 * Device and ERPNext times stay the wall-clock values they are; the instants Punchbridge recorded
 * itself (received, sent) are written in `zone`, named in their header, as spreadsheets read them.
 */
function columns(zone: string): [string, (punch: Punch) => Cell][] {
  const local = (instant: string | null) => (instant === null ? null : instantToWallClock(new Date(instant), zone));
  return [
    ['Device', (p) => p.deviceName],
    ['Device serial', (p) => p.deviceSerial],
    ['User ID', (p) => p.userId],
    ['Employee', (p) => p.employee],
    ['Employee name', (p) => p.employeeName],
    ['Device time', (p) => p.deviceTime],
    ['ERPNext time', (p) => p.serverTime],
    // IN and OUT are ERPNext's own words for a checkin's Log Type, and the punch list's.
    ['Log type', (p) => p.logType],
    ['Key pressed', (p) => punchKeyLabel(p.punchStateCode)],
    ['Verified by', (p) => verifyMethodLabel(p.verifyType)],
    ['State', (p) => PUNCH_STATE_LABELS[p.state]],
    ['Reason', (p) => (p.lastError === null ? null : plainReason(p.lastError))],
    ['Time note', (p) => p.timeNote],
    ['Employee Checkin', (p) => p.checkinName],
    ['Attempts', (p) => p.attempts],
    ['How it arrived', (p) => PUNCH_SOURCE_LABELS[p.source]],
    [`Received (${zone})`, (p) => local(p.receivedAt)],
    [`Sent to ERPNext (${zone})`, (p) => local(p.syncedAt)],
  ];
}

/** RFC 4180 lines, CRLF-ended, that spreadsheet programs open as they are. */
export function punchCsvWriter(zone: string): { header: string; row(punch: Punch): string } {
  const chosen = columns(zone);
  return {
    header: chosen.map(([title]) => csvField(title)).join(','),
    row: (punch) => chosen.map(([, value]) => csvField(value(punch))).join(','),
  };
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}
