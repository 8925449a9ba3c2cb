// One entry point for a file a person picked: what kind it is, its columns, and its punches.
import { parseAttlogText } from './attlog-file';
import type { ParsedPunches } from './imported-punch';
import { dateOrderOf, punchesFromTable, readCsv, readXlsx, type ColumnMapping, type SheetRead, type Table } from './spreadsheet';
import type { DateOrder } from './time-text';

export type PunchFileKind = 'attlog' | 'csv' | 'xlsx';

export interface PunchFile {
  kind: PunchFileKind;
  /** Spreadsheets only: the sheet as read, for the column mapping and the preview. */
  table: Table | null;
  /**
   * How the dates are read: as the mapping chose, or as told from the file; null when the file
   * cannot tell day from month and the person must say.
   */
  dateOrder: DateOrder | null;
  /** True when `dateOrder` was told from the file rather than chosen. */
  dateOrderDetected: boolean;
  /** The punches, or null for a spreadsheet without a mapping (or a date order) yet. */
  parsed: ParsedPunches | null;
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function fileKind(fileName: string, bytes: Uint8Array): PunchFileKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || XLSX_MAGIC.every((byte, index) => bytes[index] === byte)) return 'xlsx';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.dat') || lower.endsWith('.txt')) return 'attlog';
  return null;
}

/**
 * Reads the file: null when it is no kind of punch file, `refused` with the reason when it is
 * too large to read safely. Throws only for bytes that are no such file at all (a broken XLSX).
 */
export async function readPunchFile(fileName: string, bytes: Uint8Array, mapping: ColumnMapping | undefined, now: Date): Promise<PunchFile | { refused: string } | null> {
  const kind = fileKind(fileName, bytes);
  if (kind === null) return null;
  if (kind === 'attlog') return { kind, table: null, dateOrder: 'ymd', dateOrderDetected: false, parsed: await parseAttlogText(decodeText(bytes), now) };
  const sheet: SheetRead = kind === 'xlsx' ? await readXlsx(bytes) : await readCsv(decodeText(bytes));
  if ('refused' in sheet) return sheet;
  const { table } = sheet;
  if (!mapping) return { kind, table, dateOrder: null, dateOrderDetected: false, parsed: null };
  const dateOrder = dateOrderOf(table, mapping);
  const dateOrderDetected = mapping.dateOrder === undefined;
  return { kind, table, dateOrder, dateOrderDetected, parsed: dateOrder ? await punchesFromTable(table, mapping, dateOrder, now) : null };
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];

/**
 * Text files come from the device or from Excel: UTF-8 when valid, otherwise the Windows ANSI
 * code page the vendor's tools write (docs/zk-protocol.md §5); Excel's "Unicode text" is UTF-16
 * with a BOM. The BOM goes before decoding, so one stray byte later cannot make it part of the
 * first user id.
 */
function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, UTF16LE_BOM)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
