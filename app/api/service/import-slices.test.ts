// A big CSV or XLSX import must leave the service answering while it writes: ADMS terminals and the
// UI wait otherwise, and a terminal whose upload times out sends again or gives up. The import
// commits its punches in slices and lets the event loop turn between them; these tests watch
// that by the order of answers, never by the clock.
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

const ROWS = 6_000;
/** The most punches an import may commit between two answers of the service. */
const MOST_PUNCHES_BETWEEN_ANSWERS = 2_000;

let service: PunchbridgeService;
let deviceId: string;

beforeEach(async () => {
  service = await createPunchbridgeService({ dataDir: tempFolder('import-slices'), mode: 'headless' });
  await service.setPaused({ paused: true });
  const added = await service.addDevice({ name: 'Main gate', host: '192.168.1.201' });
  if (!added.ok) throw new Error(added.error.message);
  deviceId = added.value.id;
});
afterEach(() => service.close());

function punchRows(): [string, string][] {
  return Array.from({ length: ROWS }, (_, index) => [String(1000 + index), `2025-06-${String(1 + (index % 28)).padStart(2, '0')} 08:${String(index % 60).padStart(2, '0')}:00`]);
}

async function xlsxOf(rows: [string, string][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Punches');
  sheet.addRow(['User', 'Time']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Runs the import while asking the service for the punch count, each answer awaited; returns the counts it answered. */
async function importWhileAsking(fileName: string, bytes: Buffer): Promise<{ counts: number[]; inserted: number }> {
  let done = false;
  const importing = service
    .importPunches({ fileName, contentBase64: bytes.toString('base64'), deviceId, mapping: { userId: 'User', time: 'Time' } })
    .finally(() => (done = true));
  const counts: number[] = [];
  while (!done) {
    counts.push((await service.queryPunches({ limit: 0 })).total);
    await nextTurn();
  }
  const outcome = await importing;
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { counts: [...counts, (await service.queryPunches({ limit: 0 })).total], inserted: outcome.value.inserted };
}

function largestStep(counts: number[]): number {
  return Math.max(...counts.slice(1).map((count, index) => count - counts[index]!));
}

it.each([
  ['punches.csv', async () => Buffer.from(['User,Time', ...punchRows().map((row) => row.join(','))].join('\n'))],
  ['punches.xlsx', () => xlsxOf(punchRows())],
])('answers between slices of at most 2,000 punches while %s is written', async (fileName, file) => {
  const { counts, inserted } = await importWhileAsking(fileName, await file());
  expect(inserted).toBe(ROWS);
  expect(counts[0]).toBe(0);
  expect(counts.at(-1)).toBe(ROWS);
  // Answers came while the punches were being written, not only before and after.
  expect(counts.filter((count) => count > 0 && count < ROWS).length).toBeGreaterThanOrEqual(ROWS / MOST_PUNCHES_BETWEEN_ANSWERS - 1);
  expect(largestStep(counts)).toBeLessThanOrEqual(MOST_PUNCHES_BETWEEN_ANSWERS);
});

it('counts a second import of the same file as already known, slice by slice', async () => {
  const bytes = Buffer.from(['User,Time', ...punchRows().map((row) => row.join(','))].join('\n'));
  await importWhileAsking('punches.csv', bytes);
  const again = await service.importPunches({ fileName: 'punches.csv', contentBase64: bytes.toString('base64'), deviceId, mapping: { userId: 'User', time: 'Time' } });
  expect(again).toEqual({ ok: true, value: { read: ROWS, inserted: 0, alreadyKnown: ROWS, problems: [] } });
  expect((await service.queryPunches({ limit: 0 })).total).toBe(ROWS);
});
