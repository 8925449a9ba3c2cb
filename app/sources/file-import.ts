// Importing a punch file, shared by the service (the UI's import dialog) and `punchbridge import`:
// read it, preview it, and put its punches into the journal under the same identity as a network
// read, so a punch that arrives both ways is one punch. Nothing is half-imported silently: rows
// with problems stop the import unless the person accepts leaving them out.
import type { ApiError, ImportOutcome, ImportPreview, Result } from '../api/contract';
import { standInSerial, type Journal, type StoredDevice } from '../journal';
import type { ParsedPunches } from './imported-punch';
import { readPunchFile, type PunchFile } from './punch-file';
import type { ColumnMapping } from './spreadsheet';

const SAMPLE_ROWS = 20;
export const PROBLEMS_SHOWN = 200;

/** Reads the file as a punch file; an error says which files are read, or how to repair this one. */
export async function readImportFile(fileName: string, bytes: Uint8Array, mapping: ColumnMapping | undefined): Promise<Result<PunchFile>> {
  try {
    const file = await readPunchFile(fileName, bytes, mapping);
    if (file) return { ok: true, value: file };
    return { ok: false, error: unreadable(fileName, 'Punchbridge reads USB attlog files (.dat, .txt), CSV and XLSX.') };
  } catch {
    return { ok: false, error: unreadable(fileName, 'Open it in a spreadsheet program, save it again as XLSX or CSV, and retry.') };
  }
}

export function previewPunchFile(file: PunchFile): ImportPreview {
  const punches = file.parsed?.punches ?? [];
  const times = punches.map((punch) => punch.deviceTime).sort();
  const sampleRows = file.table
    ? file.table.rows.slice(0, SAMPLE_ROWS).map((row) => row.cells.map((cell) => (cell instanceof Date ? cell.toISOString() : String(cell ?? ''))))
    : punches.slice(0, SAMPLE_ROWS).map((punch) => [punch.userId, punch.deviceTime, String(punch.state), String(punch.verify)]);
  return {
    kind: file.kind,
    headers: file.table?.headers ?? ['User ID', 'Time', 'State', 'Verify'],
    sampleRows,
    punchCount: file.parsed ? punches.length : null,
    problems: (file.parsed?.problems ?? []).slice(0, PROBLEMS_SHOWN),
    problemCount: file.parsed?.problems.length ?? 0,
    firstTime: times[0] ?? null,
    lastTime: times.at(-1) ?? null,
  };
}

/** Commits the file's punches as punches of `device`, or says why nothing was imported. */
export function importPunchFile(journal: Journal, device: StoredDevice, fileName: string, file: PunchFile, acceptProblems: boolean): Result<ImportOutcome> {
  const parsed: ParsedPunches | null = file.parsed;
  if (!parsed) return { ok: false, error: mappingNeeded() };
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
  const serial = device.serialNumber ?? serialFromFileName(fileName) ?? standInSerial(device.id);
  const records = parsed.punches.map((punch) => ({ userId: punch.userId, deviceTime: punch.deviceTime, punchStateCode: punch.state, verifyType: punch.verify }));
  const inserted = journal.insertPunches(serial, device.id, 'file', records);
  return {
    ok: true,
    value: { read: inserted.read, inserted: inserted.inserted, alreadyKnown: inserted.read - inserted.inserted, problems: parsed.problems.slice(0, PROBLEMS_SHOWN) },
  };
}

/** Newer terminals name their export `<serial>_attlog.dat` (reference §5); `1_attlog.dat` names a machine number. */
function serialFromFileName(fileName: string): string | null {
  const match = /([A-Z0-9]{8,})_attlog\.(dat|txt)$/i.exec(fileName);
  return match ? match[1]! : null;
}

function mappingNeeded(): ApiError {
  return { code: 'import-mapping-needed', message: 'Punchbridge needs to know which columns hold the user id and the time.', action: 'Choose the columns in the preview, then import.' };
}

function unreadable(fileName: string, action: string): ApiError {
  return { code: 'import-unreadable', message: `${fileName} is not a file Punchbridge can read punches from.`, action };
}
