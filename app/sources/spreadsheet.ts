// Punches kept in CSV or XLSX files: the user picks which columns hold the user id, the time (or a
// date and a time) and optionally the IN/OUT state, after a preview of the first rows.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { latestPunchTime, punchTimeProblem, readUserId } from './field-checks';
import type { ImportedPunch, ParsedPunches } from './imported-punch';
import { parseTimeText, wallClockFromSpreadsheetDate, type DateOrder } from './time-text';
import { checkZipUnpackedSize } from './zip-limits';
import { detectDateOrder } from './date-order';

export type Cell = string | number | Date | null;

/** A sheet as read: the header row and the data rows, each with its row number in the file. */
export interface Table {
  headers: string[];
  rows: { line: number; cells: Cell[] }[];
}

export interface ColumnMapping {
  userId: string;
  /** A column holding date and time together, or the date when `timeOfDay` is given. */
  time: string;
  timeOfDay?: string;
  state?: string;
  /** How the time column writes day and month; absent: told from the file (dateOrderOf). */
  dateOrder?: DateOrder;
}

/** Rows a spreadsheet may hold: as many as a 20 MB CSV of the shortest rows (about 20 bytes) has. */
export const SPREADSHEET_MAX_ROWS = 1_000_000;
/** What an XLSX may unpack to: a sheet of punches takes about 200 bytes of XML a row. */
export const XLSX_MAX_UNPACKED_BYTES = 160 * 1024 * 1024;

/** Rows read between two turns of the event loop, so a big sheet leaves the service answering. */
const ROWS_PER_TURN = 2_000;

const CSV_PIECE_LENGTH = 64 * 1024;

export type SheetRead = { table: Table } | { refused: string };

/** Streamed, so a large file lets the service answer between chunks. */
export async function readCsv(text: string): Promise<SheetRead> {
  const parser = Readable.from(pieces(text.replace(/^\uFEFF/, ''))).pipe(
    parseCsv({
      delimiter: detectDelimiter(text),
      // Mixed line ends happen when files are pasted together; each one ends a row.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  const table: Table = { headers: [], rows: [] };
  let first = true;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (first) {
      table.headers = record.map((name) => name.trim());
      first = false;
      continue;
    }
    if (table.rows.length >= SPREADSHEET_MAX_ROWS) {
      parser.destroy();
      return { refused: tooManyRows() };
    }
    table.rows.push({ line: info.lines, cells: record.map((cell) => (cell === '' ? null : cell)) });
    // Stream reads resolve as microtasks while data is buffered: without a turn here nothing else runs.
    if (table.rows.length % ROWS_PER_TURN === 0) await nextTurn();
  }
  return { table };
}

/** The parser works through each piece it is given in one go: small pieces let the service answer in between. */
function* pieces(text: string): Generator<string> {
  for (let start = 0; start < text.length; start += CSV_PIECE_LENGTH) yield text.slice(start, start + CSV_PIECE_LENGTH);
}

/** Excel in some locales saves "CSV" with semicolons. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, firstLine.split(delimiter).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

/** The first sheet, streamed after the ZIP has shown it unpacks to a sane size. */
export async function readXlsx(bytes: Uint8Array): Promise<SheetRead> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unpacked = await checkZipUnpackedSize(buffer, XLSX_MAX_UNPACKED_BYTES);
  // A damaged file is no XLSX at all: thrown like ExcelJS's own errors, and reported as unreadable.
  if (!unpacked.ok && unpacked.damaged) throw new Error(`Damaged XLSX: ${unpacked.reason}`);
  if (!unpacked.ok) return { refused: `The spreadsheet cannot be imported. ${unpacked.reason}` };
  const input = Readable.from([buffer]);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  const table: Table = { headers: [], rows: [] };
  let headerSeen = false;
  for await (const sheet of workbook) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.cellCount === 0) continue;
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellValue(cell.value);
      });
      if (!headerSeen) {
        table.headers = Array.from(cells, (cell) => String(cell ?? '').trim());
        headerSeen = true;
        continue;
      }
      if (table.rows.length >= SPREADSHEET_MAX_ROWS) {
        input.destroy();
        return { refused: tooManyRows() };
      }
      table.rows.push({ line: row.number, cells: Array.from(cells, (cell) => cell ?? null) });
      if (table.rows.length % ROWS_PER_TURN === 0) await nextTurn();
    }
    // Only the first sheet holds the punches.
    break;
  }
  return { table };
}

function tooManyRows(): string {
  return `The spreadsheet has more than ${SPREADSHEET_MAX_ROWS.toLocaleString('en-US')} rows. Split it into parts of fewer rows and import each.`;
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  return null;
}

/** The mapping's date order, or the one the file's time column shows; null when it must be asked. */
export function dateOrderOf(table: Table, mapping: ColumnMapping): DateOrder | null {
  if (mapping.dateOrder) return mapping.dateOrder;
  const column = table.headers.indexOf(mapping.time);
  if (column < 0) return 'ymd';
  return detectDateOrder(table.rows.map(({ cells }) => (cells[column] instanceof Date ? '' : cellText(cells[column]))));
}

export async function punchesFromTable(table: Table, mapping: ColumnMapping, dateOrder: DateOrder, now: Date): Promise<ParsedPunches> {
  const column = (name: string | undefined) => (name === undefined ? -1 : table.headers.indexOf(name));
  const missing = [mapping.userId, mapping.time, mapping.timeOfDay, mapping.state].filter(
    (name): name is string => name !== undefined && column(name) < 0,
  );
  if (missing.length > 0) {
    return { punches: [], problems: [{ line: 1, reason: `The file has no column named ${missing.map((name) => `"${name}"`).join(', ')}` }] };
  }
  const punches: ImportedPunch[] = [];
  const problems: ParsedPunches['problems'] = [];
  const latest = latestPunchTime(now);
  for (const [index, { line, cells }] of table.rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await nextTurn();
    const userIdText = cellText(cells[column(mapping.userId)]).replace(/\.0+$/, '');
    if (userIdText === '') {
      problems.push({ line, reason: `The "${mapping.userId}" cell is empty` });
      continue;
    }
    const userId = readUserId(userIdText);
    if ('reason' in userId) {
      problems.push({ line, reason: userId.reason });
      continue;
    }
    const time = timeFromCells(cells[column(mapping.time)], mapping.timeOfDay ? cells[column(mapping.timeOfDay)] : undefined, dateOrder);
    const timeProblem = 'reason' in time ? time.reason : punchTimeProblem(time.time, latest);
    if (timeProblem !== null || 'reason' in time) {
      problems.push({ line, reason: timeProblem ?? 'The time cannot be read' });
      continue;
    }
    const state = mapping.state ? stateFromCell(cells[column(mapping.state)]) : 255;
    if (state === null) {
      problems.push({ line, reason: `"${cellText(cells[column(mapping.state)])}" is not a punch state (use IN, OUT or a state number)` });
      continue;
    }
    punches.push({ line, userId: userId.value, deviceTime: time.time, state, verify: 0 });
  }
  return { punches, problems };
}

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return wallClockFromSpreadsheetDate(cell);
  return String(cell).trim();
}

function timeFromCells(dateCell: Cell | undefined, timeCell: Cell | undefined, order: DateOrder): { time: string } | { reason: string } {
  if (dateCell === null || dateCell === undefined || dateCell === '') return { reason: 'The time cell is empty' };
  if (timeCell === undefined) return dateCell instanceof Date ? { time: wallClockFromSpreadsheetDate(dateCell) } : parseTimeText(cellText(dateCell), order);
  const datePart = dateCell instanceof Date ? wallClockFromSpreadsheetDate(dateCell).slice(0, 10) : cellText(dateCell);
  const timePart = timeCell instanceof Date ? wallClockFromSpreadsheetDate(timeCell).slice(11) : cellText(timeCell);
  return parseTimeText(`${datePart} ${timePart}`, order);
}

const STATE_WORDS: Record<string, number> = {
  in: 0,
  'check in': 0,
  checkin: 0,
  'c/in': 0,
  out: 1,
  'check out': 1,
  checkout: 1,
  'c/out': 1,
  'break out': 2,
  'break in': 3,
  'overtime in': 4,
  'ot in': 4,
  'overtime out': 5,
  'ot out': 5,
};

function stateFromCell(cell: Cell | undefined): number | null {
  const text = cellText(cell).toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ');
  if (text === '') return 255;
  if (/^\d+$/.test(text)) return Number(text) <= 255 ? Number(text) : null;
  return STATE_WORDS[text] ?? null;
}
