import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseAttlogText } from './attlog-file';
import { punchesFromTable, readCsv, readXlsx } from './spreadsheet';
import { parseTimeText } from './time-text';

describe('USB attendance log (attlog.dat)', () => {
  it('reads tab-separated records with space-padded PINs and CRLF line ends', () => {
    const text = '        1\t2026-03-02 08:59:12\t1\t0\t1\t0\r\n  1042\t2026-03-02 17:31:40\t1\t1\t15\t0\r\n\r\n';
    expect(parseAttlogText(text)).toEqual({
      punches: [
        { line: 1, userId: '1', deviceTime: '2026-03-02 08:59:12', state: 0, verify: 1 },
        { line: 2, userId: '1042', deviceTime: '2026-03-02 17:31:40', state: 1, verify: 15 },
      ],
      problems: [],
    });
  });

  it('reads the space-separated variant some firmwares write', () => {
    expect(parseAttlogText('7 2026-03-02 09:00:00 1 1 1 0').punches).toEqual([
      { line: 1, userId: '7', deviceTime: '2026-03-02 09:00:00', state: 1, verify: 1 },
    ]);
  });

  it('reports every bad line with its number and reason, keeping the good ones', () => {
    const text = ['1\t2026-03-02 08:00:00\t1\t0\t1', 'garbage', '2\t2026-02-31 08:00:00\t1\t0\t1', '3\t2026-03-02 08:00:00\t1\tX\t1'].join('\n');
    const result = parseAttlogText(text);
    expect(result.punches.map((punch) => punch.userId)).toEqual(['1']);
    expect(result.problems).toEqual([
      { line: 2, reason: 'Expected a user id and a time separated by a tab' },
      { line: 3, reason: '"2026-02-31 08:00:00" is not a real date and time' },
      { line: 4, reason: 'The status and verify columns must be whole numbers' },
    ]);
  });
});

describe('time text', () => {
  it('reads day-first, month-first and 12-hour times', () => {
    expect(parseTimeText('01/03/2026 8:05', 'dmy')).toEqual({ time: '2026-03-01 08:05:00' });
    expect(parseTimeText('01/03/2026 8:05', 'mdy')).toEqual({ time: '2026-01-03 08:05:00' });
    expect(parseTimeText('2026-03-01 12:15:09 AM', 'ymd')).toEqual({ time: '2026-03-01 00:15:09' });
    expect(parseTimeText('2026-03-01 01:15 pm', 'dmy')).toEqual({ time: '2026-03-01 13:15:00' });
  });
});

describe('CSV and XLSX with a column mapping', () => {
  it('reads a semicolon CSV with separate date and time columns and worded states', () => {
    const table = readCsv('\uFEFFEmployee No;Date;Time;Type\n1042;02/03/2026;08:01;Check In\n1042;02/03/2026;17:30;check-out\n;02/03/2026;17:30;IN\n7;02/03/2026;17:30;sideways\n');
    const result = punchesFromTable(table, { userId: 'Employee No', time: 'Date', timeOfDay: 'Time', state: 'Type', dateOrder: 'dmy' });
    expect(result.punches).toEqual([
      { line: 2, userId: '1042', deviceTime: '2026-03-02 08:01:00', state: 0, verify: 0 },
      { line: 3, userId: '1042', deviceTime: '2026-03-02 17:30:00', state: 1, verify: 0 },
    ]);
    expect(result.problems).toEqual([
      { line: 4, reason: 'The "Employee No" cell is empty' },
      { line: 5, reason: '"sideways" is not a punch state (use IN, OUT or a state number)' },
    ]);
  });

  it('names the columns a mapping asks for that the file lacks', () => {
    const result = punchesFromTable(readCsv('id,when\n1,2026-03-02 08:00:00\n'), { userId: 'id', time: 'Time', dateOrder: 'ymd' });
    expect(result.problems).toEqual([{ line: 1, reason: 'The file has no column named "Time"' }]);
  });

  it('reads date cells of an XLSX file as the wall clock they show', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Punches');
    sheet.addRow(['User', 'Punch time', 'State']);
    sheet.addRow([1042, new Date(Date.UTC(2026, 2, 2, 8, 1, 30)), 0]);
    sheet.addRow(['0007', '2026-03-02 17:30:00', 'OUT']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = punchesFromTable(await readXlsx(bytes), { userId: 'User', time: 'Punch time', state: 'State', dateOrder: 'ymd' });
    expect(result).toEqual({
      punches: [
        { line: 2, userId: '1042', deviceTime: '2026-03-02 08:01:30', state: 0, verify: 0 },
        { line: 3, userId: '0007', deviceTime: '2026-03-02 17:30:00', state: 1, verify: 0 },
      ],
      problems: [],
    });
  });
});
