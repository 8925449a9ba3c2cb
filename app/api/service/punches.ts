// The punch list: pages for the UI, retry and ignore on a selection, CSV export.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Punch, PunchbridgeApi, PunchExport, PunchSelection } from '../contract';
import type { Journal } from '../../journal';
import { instantToWallClock } from '../../sync';
import { localTimeZone } from '../../vocabulary';
import { punchCsvWriter } from './punch-csv';
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
      const zone = localTimeZone();
      const csv = await punchesCsv(journal, filter, zone);
      const stamp = instantToWallClock(new Date(context.clock.now()), zone).slice(0, 10);
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

/** Every punch the filter matches, as CSV with a byte-order mark, so spreadsheet programs read it as UTF-8. */
async function punchesCsv(journal: Pick<Journal, 'queryPunches'>, filter: PunchExport, zone: string): Promise<string> {
  const csv = punchCsvWriter(zone);
  const lines = [csv.header];
  for await (const punch of matchingPunches(journal, filter)) lines.push(csv.row(punch));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
