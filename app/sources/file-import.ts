// Importing a punch file, shared by the service (the UI's import dialog) and `punchbridge import`:
// read it, preview it, and put its punches into the journal under the same identity as a network
// read, so a punch that arrives both ways is one punch. Nothing is half-imported silently: rows
// with problems stop the import unless the person accepts leaving them out. The punches are
// committed in slices so that the service keeps answering; should the journal refuse one (a full
// disk), the slices before it stay, the error says so, and importing the file again adds only the
// rest: the identity recognises what is already there.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { punchKeyLabel, verifyMethodLabel, type ApiError, type ImportOutcome, type ImportPreview, type Result } from '../vocabulary';
import { standInSerial, type Journal, type StoredDevice } from '../journal';
import { readPunchFile, type PunchFile } from './punch-file';
import type { ColumnMapping } from './spreadsheet';

const SAMPLE_ROWS = 20;
/** A USB attlog has no header row: the preview names its columns, and words its codes. */
const ATTLOG_HEADERS = ['User ID', 'Time', 'Key pressed', 'Verified by'];
export const PROBLEMS_SHOWN = 200;
/**
 * Punches committed per transaction; between two, the service answers the UI and ADMS terminals.
 * On a journal of a million punches a slice of 5,000 held the service for up to 0.8 s and one of
 * 2,000 for 0.13 to 0.3 s; below that each commit's own cost (the index pages it rewrites) grows
 * the whole import: 1,000 a slice took twice as long as 5,000, 2,000 a fifth longer.
 */
const INSERT_CHUNK = 2_000;

/** Reads the file as a punch file; an error says which files are read, or how to repair this one. */
export async function readImportFile(fileName: string, bytes: Uint8Array, mapping: ColumnMapping | undefined, now: Date): Promise<Result<PunchFile>> {
  try {
    const file = await readPunchFile(fileName, bytes, mapping, now);
    if (file === null) return { ok: false, error: unreadable(fileName, 'Punchbridge reads USB attlog files (.dat, .txt), CSV and XLSX.') };
    if ('refused' in file) return { ok: false, error: { code: 'import-too-large', message: `${fileName}: ${file.refused}`, action: 'Split the file into smaller parts (or save it as CSV) and import each.' } };
    return { ok: true, value: file };
  } catch {
    return { ok: false, error: unreadable(fileName, 'Open it in a spreadsheet program, save it again as XLSX or CSV, and retry.') };
  }
}

export function previewPunchFile(file: PunchFile): ImportPreview {
  const punches = file.parsed?.punches ?? [];
  const times = punches.map((punch) => punch.deviceTime).sort();
  const storedByLine = new Map(punches.map((punch) => [punch.line, punch.deviceTime]));
  const sampleRows = file.table
    ? file.table.rows.slice(0, SAMPLE_ROWS).map((row) => ({ line: row.line, cells: row.cells.map((cell) => (cell instanceof Date ? cell.toISOString() : String(cell ?? ''))) }))
    : punches.slice(0, SAMPLE_ROWS).map((punch) => ({ line: punch.line, cells: [punch.userId, punch.deviceTime, punchKeyLabel(punch.state), verifyMethodLabel(punch.verify)] }));
  return {
    kind: file.kind,
    headers: file.table?.headers ?? ATTLOG_HEADERS,
    sampleRows: sampleRows.map((row) => row.cells),
    sampleTimes: sampleRows.map((row) => (file.parsed ? (storedByLine.get(row.line) ?? null) : null)),
    dateOrder: file.dateOrder,
    dateOrderDetected: file.dateOrderDetected,
    punchCount: file.parsed ? punches.length : null,
    problems: (file.parsed?.problems ?? []).slice(0, PROBLEMS_SHOWN),
    problemCount: file.parsed?.problems.length ?? 0,
    firstTime: times[0] ?? null,
    lastTime: times.at(-1) ?? null,
  };
}

/**
 * Commits the file's punches as punches of `device`, or says why nothing was imported. The punches
 * go under the device's own serial, or its stand-in until it is first read: never under a serial
 * in the file's name, which would move another device's punches.
 */
export async function importPunchFile(journal: Journal, device: StoredDevice, fileName: string, file: PunchFile, acceptProblems: boolean): Promise<Result<ImportOutcome>> {
  const parsed = file.parsed;
  if (!parsed) return { ok: false, error: file.table && file.dateOrder === null && file.kind !== 'attlog' ? dateOrderNeeded(fileName) : mappingNeeded() };
  if (parsed.problems.length > 0 && !acceptProblems) {
    const first = parsed.problems[0]!;
    return {
      ok: false,
      error: {
        code: 'import-has-problems',
        message: `${parsed.problems.length} rows of ${fileName} cannot be read (first: line ${first.line}, ${first.reason}). Nothing was imported.`,
        action: 'Fix those rows, or import the readable rows and leave the others out.',
      },
    };
  }
  const serial = device.serialNumber ?? standInSerial(device.id);
  const records = parsed.punches.map((punch) => ({ userId: punch.userId, deviceTime: punch.deviceTime, punchStateCode: punch.state, verifyType: punch.verify }));
  let inserted = 0;
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    if (start > 0) await nextTurn();
    inserted += journal.insertPunches(serial, device.id, 'file', records.slice(start, start + INSERT_CHUNK)).inserted;
  }
  return {
    ok: true,
    value: { read: records.length, inserted, alreadyKnown: records.length - inserted, problems: parsed.problems.slice(0, PROBLEMS_SHOWN) },
  };
}

function mappingNeeded(): ApiError {
  return { code: 'import-mapping-needed', message: 'Punchbridge needs to know which columns hold the user id and the time.', action: 'Choose the columns in the preview, then import.' };
}

function dateOrderNeeded(fileName: string): ApiError {
  return {
    code: 'import-date-order-needed',
    message: `The dates in ${fileName} could be day first or month first (no day above 12 tells them apart). Nothing was imported.`,
    action: 'Say how the dates are written: day first (01/03/2026 is 1 March) or month first (01/03/2026 is 3 January).',
  };
}

function unreadable(fileName: string, action: string): ApiError {
  return { code: 'import-unreadable', message: `${fileName} is not a file Punchbridge can read punches from.`, action };
}
