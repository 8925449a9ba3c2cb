// File import (USB attlog, CSV, XLSX): a preview first, then the punches into the journal under the
// same identity as a network read, so a punch that arrives both ways is one punch.
import { readPunchFile, type PunchFile } from '../../sources';
import type { ApiError, ColumnMapping, ImportPreview, PunchbridgeApi, Result } from '../contract';
import type { ServiceContext } from './context';

type ImportMethods = Pick<PunchbridgeApi, 'previewImport' | 'importPunches'>;

const SAMPLE_ROWS = 20;
const PROBLEMS_SHOWN = 200;

export function importMethods(context: ServiceContext): ImportMethods {
  return {
    async previewImport({ fileName, contentBase64, mapping }) {
      const file = await readFile(fileName, contentBase64, mapping);
      if (!file.ok) return file;
      return { ok: true, value: preview(file.value) };
    },
    async importPunches({ fileName, contentBase64, mapping, deviceId, acceptProblems }) {
      const device = context.journal.getDevice(deviceId);
      if (!device) return { ok: false, error: { code: 'no-such-device', message: 'The chosen device no longer exists.', action: 'Choose another device.' } };
      const file = await readFile(fileName, contentBase64, mapping);
      if (!file.ok) return file;
      const parsed = file.value.parsed;
      if (!parsed) return { ok: false, error: mappingNeeded() };
      if (parsed.problems.length > 0 && !acceptProblems) {
        return {
          ok: false,
          error: {
            code: 'import-has-problems',
            message: `${parsed.problems.length} rows of ${fileName} cannot be read (first: line ${parsed.problems[0]!.line}, ${parsed.problems[0]!.reason}). Nothing was imported.`,
            action: 'Fix those rows, or import the readable rows and leave the others out.',
          },
        };
      }
      const serial = device.serialNumber ?? serialFromFileName(fileName) ?? `device:${device.id}`;
      const records = parsed.punches.map((punch) => ({ userId: punch.userId, deviceTime: punch.deviceTime, punchStateCode: punch.state, verifyType: punch.verify }));
      const inserted = context.journal.insertPunches(serial, device.id, 'file', records);
      context.log.info(`Imported ${fileName} for ${device.name}: ${inserted.read} rows, ${inserted.inserted} new, ${parsed.problems.length} left out`);
      context.announceStatus();
      return {
        ok: true,
        value: { read: inserted.read, inserted: inserted.inserted, alreadyKnown: inserted.read - inserted.inserted, problems: parsed.problems.slice(0, PROBLEMS_SHOWN) },
      };
    },
  };
}

async function readFile(fileName: string, contentBase64: string, mapping: ColumnMapping | undefined): Promise<Result<PunchFile>> {
  const bytes = Buffer.from(contentBase64, 'base64');
  try {
    const file = await readPunchFile(fileName, bytes, mapping && { ...mapping, dateOrder: mapping.dateOrder ?? 'ymd' });
    if (file) return { ok: true, value: file };
    return { ok: false, error: unreadable(fileName, 'Punchbridge reads USB attlog files (.dat, .txt), CSV and XLSX.') };
  } catch {
    return { ok: false, error: unreadable(fileName, 'Open it in a spreadsheet program, save it again as XLSX or CSV, and retry.') };
  }
}

function preview(file: PunchFile): ImportPreview {
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
