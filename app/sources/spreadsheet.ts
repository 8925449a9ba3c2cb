// Punches kept in CSV or XLSX files: the user picks which columns hold the user id, the time (or a
// date and a time) and optionally the IN/OUT state, after a preview of the first rows.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportedPunch, ParsedPunches } from './imported-punch';
import { parseTimeText, wallClockFromSpreadsheetDate, type DateOrder } from './time-text';

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
  dateOrder: DateOrder;
}

export function readCsv(text: string): Table {
  const records = parseCsv(text.replace(/^\uFEFF/, ''), {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...data] = records;
  return {
    headers: (header?.record ?? []).map((name) => name.trim()),
    rows: data.map(({ record, info }) => ({ line: info.lines, cells: record.map((cell) => (cell === '' ? null : cell)) })),
  };
}

/** Excel in some locales saves "CSV" with semicolons. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, firstLine.split(delimiter).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const table: Table = { headers: [], rows: [] };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    if (table.headers.length === 0) table.headers = cells.map((cell) => String(cell ?? '').trim());
    else table.rows.push({ line: rowNumber, cells });
  });
  return table;
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

export function punchesFromTable(table: Table, mapping: ColumnMapping): ParsedPunches {
  const column = (name: string | undefined) => (name === undefined ? -1 : table.headers.indexOf(name));
  const missing = [mapping.userId, mapping.time, mapping.timeOfDay, mapping.state].filter(
    (name): name is string => name !== undefined && column(name) < 0,
  );
  if (missing.length > 0) {
    return { punches: [], problems: [{ line: 1, reason: `The file has no column named ${missing.map((name) => `"${name}"`).join(', ')}` }] };
  }
  const punches: ImportedPunch[] = [];
  const problems: ParsedPunches['problems'] = [];
  for (const { line, cells } of table.rows) {
    const userId = cellText(cells[column(mapping.userId)]).replace(/\.0+$/, '');
    if (userId === '') {
      problems.push({ line, reason: `The "${mapping.userId}" cell is empty` });
      continue;
    }
    const time = timeFromCells(cells[column(mapping.time)], mapping.timeOfDay ? cells[column(mapping.timeOfDay)] : undefined, mapping.dateOrder);
    if ('reason' in time) {
      problems.push({ line, reason: time.reason });
      continue;
    }
    const state = mapping.state ? stateFromCell(cells[column(mapping.state)]) : 255;
    if (state === null) {
      problems.push({ line, reason: `"${cellText(cells[column(mapping.state)])}" is not a punch state (use IN, OUT or a state number)` });
      continue;
    }
    punches.push({ line, userId, deviceTime: time.time, state, verify: 0 });
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
