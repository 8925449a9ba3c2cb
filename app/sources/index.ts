// Other ways in besides reading a device over port 4370: USB attlog files, CSV and XLSX sheets,
// and ADMS push uploads. Each yields ImportedPunch values for the journal.
export type { ImportedPunch, ParsedPunches, RowProblem } from './imported-punch';
export { parseAttlogText } from './attlog-file';
export { readCsv, readXlsx, punchesFromTable, type Cell, type ColumnMapping, type Table } from './spreadsheet';
export { parseTimeText, type DateOrder } from './time-text';
export { parseAttlogBody, parseOperlogUsers, type AdmsUser } from './adms-lines';
export { buildAdmsServer, startAdmsReceiver, utcOffsetHours, type AdmsReceiver, type AdmsReceiverOptions, type AdmsSink } from './adms-receiver';
export { userInfoDeleteCommand, userInfoUpdateCommand, type AdmsCommandResult, type AdmsUserFields } from './adms-commands';
export { readPunchFile, type PunchFile, type PunchFileKind } from './punch-file';
export { importPunchFile, previewPunchFile, readImportFile, PROBLEMS_SHOWN } from './file-import';
