// `punchbridge import FILE --device NAME`: a USB attlog export, CSV or XLSX into the journal, with
// every unreadable row reported by line. Exit 0 all imported, 1 rows were left out, 2 nothing imported.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { ApiError, ImportOutcome, ImportPreview } from '../vocabulary';
import { cliContext, EXIT_CONFIG, EXIT_OK, EXIT_PARTIAL, fail, report, type CliContext } from '../cli-support';
import type { StoredDevice } from '../journal';
import { findDevice, noSuchDevice, withDataFolder } from '../sync';
import { importPunchFile, previewPunchFile, readImportFile } from './file-import';
import type { ColumnMapping } from './spreadsheet';
import type { DateOrder } from './time-text';

interface ImportOptions {
  device: string;
  userColumn?: string;
  timeColumn?: string;
  timeOfDayColumn?: string;
  stateColumn?: string;
  dateOrder?: string;
  acceptProblems?: boolean;
}

const DATE_ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

export function registerSourceCommands(program: Command): void {
  program
    .command('import')
    .description('import punches from a USB attlog export (.dat, .txt), a CSV or an XLSX file')
    .argument('<file>', 'the file to import')
    .requiredOption('--device <device>', 'the device (name or id) the punches came from')
    .option('--user-column <column>', 'CSV/XLSX: the column with the device user id')
    .option('--time-column <column>', 'CSV/XLSX: the column with the date and time (or only the date, with --time-of-day-column)')
    .option('--time-of-day-column <column>', 'CSV/XLSX: the column with the time of day')
    .option('--state-column <column>', 'CSV/XLSX: the column with IN/OUT or the state number')
    .option('--date-order <order>', 'CSV/XLSX: how dates are written: ymd (2026-03-01), dmy (01/03/2026) or mdy (03/01/2026); told from the file when a day is above 12')
    .option('--accept-problems', 'import the readable rows even when some rows cannot be read')
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const context = cliContext(command);
      process.exitCode = await importFile(context, file, options);
    });
}

async function importFile(context: CliContext, path: string, options: ImportOptions): Promise<number> {
  const mapping = mappingFrom(options);
  if (!mapping.ok) return failed(context, mapping.error);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return failed(context, { code: 'file-unreadable', message: `Cannot read ${path}: ${(error as Error).message}.`, action: 'Check the path and that you may read the file.' });
  }
  const code = await withDataFolder(context, async (folder): Promise<number> => {
    const device = findDevice(folder.journal, options.device);
    if (!device) return failed(context, noSuchDevice(folder.journal, options.device));
    const fileName = basename(path);
    const file = await readImportFile(fileName, bytes, mapping.value, new Date());
    if (!file.ok) return failed(context, file.error);
    const preview = previewPunchFile(file.value);
    if (file.value.parsed === null) return failed(context, mapping.value ? dateOrderNeeded(fileName) : columnsNeeded(preview));
    const outcome = await importPunchFile(folder.journal, device, fileName, file.value, Boolean(options.acceptProblems));
    if (!outcome.ok) {
      if (!context.json) printProblems(preview);
      return failed(context, outcome.error);
    }
    printOutcome(context, fileName, device, preview, outcome.value);
    return preview.problemCount > 0 ? EXIT_PARTIAL : EXIT_OK;
  });
  return code ?? EXIT_CONFIG;
}

function mappingFrom(options: ImportOptions): { ok: true; value: ColumnMapping | undefined } | { ok: false; error: ApiError } {
  const { userColumn, timeColumn, timeOfDayColumn, stateColumn } = options;
  if (options.dateOrder !== undefined && !DATE_ORDERS.includes(options.dateOrder as DateOrder)) {
    return { ok: false, error: { code: 'invalid-argument', message: `"${options.dateOrder}" is not a date order.`, action: 'Use --date-order ymd, dmy or mdy.' } };
  }
  if (userColumn === undefined && timeColumn === undefined) {
    if (timeOfDayColumn !== undefined || stateColumn !== undefined) return { ok: false, error: bothColumnsNeeded() };
    return { ok: true, value: undefined };
  }
  if (userColumn === undefined || timeColumn === undefined) return { ok: false, error: bothColumnsNeeded() };
  return { ok: true, value: { userId: userColumn, time: timeColumn, timeOfDay: timeOfDayColumn, state: stateColumn, dateOrder: options.dateOrder as DateOrder | undefined } };
}

function printOutcome(context: CliContext, fileName: string, device: StoredDevice, preview: ImportPreview, outcome: ImportOutcome): void {
  const value = { ok: true, file: fileName, deviceId: device.id, kind: preview.kind, ...outcome, problemCount: preview.problemCount };
  report(context, value, () =>
    [
      `Imported ${fileName} for ${device.name}: ${outcome.read} punches read, ${outcome.inserted} new, ${outcome.alreadyKnown} already in the journal.`,
      ...problemLines(preview, 'left out'),
      outcome.inserted > 0 ? 'The next sync sends the new punches to ERPNext.' : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

function printProblems(preview: ImportPreview): void {
  process.stderr.write(`${problemLines(preview, 'cannot be read').join('\n')}\n`);
}

function problemLines(preview: ImportPreview, what: string): string[] {
  if (preview.problemCount === 0) return [];
  const more = preview.problemCount - preview.problems.length;
  return [
    `${preview.problemCount} rows ${what}:`,
    ...preview.problems.map((problem) => `  line ${problem.line}: ${problem.reason}`),
    ...(more > 0 ? [`  ... and ${more} more`] : []),
  ];
}

function failed(context: CliContext, error: ApiError): number {
  fail(context, error, EXIT_CONFIG);
  return EXIT_CONFIG;
}

function columnsNeeded(preview: ImportPreview): ApiError {
  return {
    code: 'import-mapping-needed',
    message: `Punchbridge needs to know which columns hold the user id and the time. The file's columns: ${preview.headers.map((name) => `"${name}"`).join(', ')}.`,
    action: 'Name them with --user-column and --time-column (and --time-of-day-column, --state-column, --date-order when needed).',
  };
}

function dateOrderNeeded(fileName: string): ApiError {
  return {
    code: 'import-date-order-needed',
    message: `The dates in ${fileName} could be day first or month first: no day above 12 tells them apart. Nothing was imported.`,
    action: 'Say how they are written with --date-order dmy (01/03/2026 is 1 March) or --date-order mdy (01/03/2026 is 3 January).',
  };
}

function bothColumnsNeeded(): ApiError {
  return { code: 'invalid-argument', message: 'A column mapping needs both --user-column and --time-column.', action: 'Give both, or neither for a USB attlog file.' };
}
