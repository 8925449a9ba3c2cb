// The punch list: pages for the UI, retry and ignore on a selection, CSV export.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Punch, PunchbridgeApi, PunchExport, PunchSelection } from '../contract';
import type { Journal } from '../../journal';
import type { ServiceContext } from './context';

type PunchMethods = Pick<PunchbridgeApi, 'queryPunches' | 'retryPunches' | 'ignorePunches' | 'exportPunchesCsv'>;

/** Rows read per query when walking every punch a filter matches. */
const PAGE_SIZE = 5000;

export function punchMethods(context: ServiceContext): PunchMethods {
  const { journal } = context;
  return {
    async queryPunches(query) {
      return journal.queryPunches(query);
    },
    async retryPunches(selection) {
      const requeued = journal.requeue(await selectedIds(journal, selection));
      context.announceStatus();
      return { ok: true, value: { requeued } };
    },
    async ignorePunches(selection) {
      const ignored = journal.markIgnored(await selectedIds(journal, selection));
      context.announceStatus();
      return { ok: true, value: { ignored } };
    },
    async exportPunchesCsv(filter) {
      const csv = await punchesCsv(journal, filter);
      const stamp = new Date(context.clock.now()).toISOString().slice(0, 10);
      return { ok: true, value: { fileName: `punchbridge-punches-${stamp}.csv`, csv } };
    },
  };
}

async function selectedIds(journal: Pick<Journal, 'queryPunches'>, selection: PunchSelection): Promise<number[]> {
  if ('ids' in selection) return selection.ids;
  const ids: number[] = [];
  for await (const punch of matchingPunches(journal, selection.filter)) ids.push(punch.id);
  return ids;
}

/**
 * Every punch a filter matches, a page at a time, so a large journal is never held at once; the
 * event loop turns between pages, so 600,000 punches do not stop the service answering.
 */
async function* matchingPunches(journal: Pick<Journal, 'queryPunches'>, filter: PunchExport): AsyncGenerator<Punch> {
  for (let offset = 0; ; offset += PAGE_SIZE) {
    if (offset > 0) await nextTurn();
    const page = journal.queryPunches({ ...filter, offset, limit: PAGE_SIZE });
    yield* page.rows;
    if (page.rows.length < PAGE_SIZE) return;
  }
}

const COLUMNS: [string, (punch: Punch) => string | number | null][] = [
  ['Device', (p) => p.deviceName],
  ['Device serial', (p) => p.deviceSerial],
  ['User ID', (p) => p.userId],
  ['Employee', (p) => p.employee],
  ['Employee name', (p) => p.employeeName],
  ['Device time', (p) => p.deviceTime],
  ['ERPNext time', (p) => p.serverTime],
  ['Log type', (p) => p.logType],
  ['State', (p) => p.state],
  ['Reason', (p) => p.lastError],
  ['Time note', (p) => p.timeNote],
  ['Employee Checkin', (p) => p.checkinName],
  ['Attempts', (p) => p.attempts],
  ['Source', (p) => p.source],
  ['Received', (p) => p.receivedAt],
  ['Synced', (p) => p.syncedAt],
];

/** Every punch the filter matches, as RFC 4180 CSV that spreadsheet programs open as they are. */
async function punchesCsv(journal: Pick<Journal, 'queryPunches'>, filter: PunchExport): Promise<string> {
  const lines = [COLUMNS.map(([title]) => csvField(title)).join(',')];
  for await (const punch of matchingPunches(journal, filter)) lines.push(COLUMNS.map(([, value]) => csvField(value(punch))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}
