// One entry point for a file a person picked: what kind it is, its columns, and its punches.
import { parseAttlogText } from './attlog-file';
import type { ParsedPunches } from './imported-punch';
import { punchesFromTable, readCsv, readXlsx, type ColumnMapping, type Table } from './spreadsheet';

export type PunchFileKind = 'attlog' | 'csv' | 'xlsx';

export interface PunchFile {
  kind: PunchFileKind;
  /** Spreadsheets only: the sheet as read, for the column mapping and the preview. */
  table: Table | null;
  /** The punches, or null for a spreadsheet without a mapping yet. */
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

/** Reads the file; throws only for bytes that are no such file at all (a broken XLSX). */
export async function readPunchFile(fileName: string, bytes: Uint8Array, mapping: ColumnMapping | undefined): Promise<PunchFile | null> {
  const kind = fileKind(fileName, bytes);
  if (kind === null) return null;
  if (kind === 'attlog') return { kind, table: null, parsed: parseAttlogText(decodeText(bytes)) };
  const table = kind === 'xlsx' ? await readXlsx(bytes) : readCsv(decodeText(bytes));
  return { kind, table, parsed: mapping ? punchesFromTable(table, mapping) : null };
}

/**
 * Text files come from the device or from Excel: UTF-8 when valid, otherwise the Windows ANSI
 * code page the vendor's tools write (reference §5).
 */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
