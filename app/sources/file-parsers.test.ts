import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseAttlogText } from './attlog-file';
import { punchesFromTable, readCsv, readXlsx, type SheetRead, type Table } from './spreadsheet';
import { detectDateOrder } from './date-order';
import { parseTimeText } from './time-text';

/** Punches of 2026 are in the past for this clock, whatever the machine's date. */
const NOW = new Date('2026-11-30T12:00:00Z');

describe('USB attendance log (attlog.dat)', () => {
  it('reads tab-separated records with space-padded PINs and CRLF line ends', async () => {
    const text = '        1\t2026-03-02 08:59:12\t1\t0\t1\t0\r\n  1042\t2026-03-02 17:31:40\t1\t1\t15\t0\r\n\r\n';
    expect(await parseAttlogText(text, NOW)).toEqual({
      punches: [
        { line: 1, userId: '1', deviceTime: '2026-03-02 08:59:12', state: 0, verify: 1 },
        { line: 2, userId: '1042', deviceTime: '2026-03-02 17:31:40', state: 1, verify: 15 },
      ],
      problems: [],
    });
  });

  it('reads the space-separated variant some firmwares write', async () => {
    expect((await parseAttlogText('7 2026-03-02 09:00:00 1 1 1 0', NOW)).punches).toEqual([
      { line: 1, userId: '7', deviceTime: '2026-03-02 09:00:00', state: 1, verify: 1 },
    ]);
  });

  it('reports every bad line with its number and reason, keeping the good ones', async () => {
    const text = ['1\t2026-03-02 08:00:00\t1\t0\t1', 'garbage', '2\t2026-02-31 08:00:00\t1\t0\t1', '3\t2026-03-02 08:00:00\t1\tX\t1'].join('\n');
    const result = await parseAttlogText(text, NOW);
    expect(result.punches.map((punch) => punch.userId)).toEqual(['1']);
    expect(result.problems).toEqual([
      { line: 2, reason: 'Expected a user id and a time separated by a tab' },
      { line: 3, reason: '"2026-02-31 08:00:00" is not a real date and time' },
      { line: 4, reason: 'The status "X" is not a whole number from 0 to 255' },
    ]);
  });
});

describe('time text', () => {
  it('refuses 2-digit years, day-first text under year-first order, and times before 2000 or in the future', async () => {
    expect(parseTimeText('26-11-21 08:00', 'dmy')).toEqual({ reason: '"26-11-21 08:00" has no 4-digit year: write the year in full, such as 2026' });
    expect(parseTimeText('03/01/2026 08:00', 'ymd')).toMatchObject({ reason: expect.stringContaining('day and month first') });
    expect((await parseAttlogText('1\t0000-01-01 08:00:00\n2\t2026-12-02 11:00:00\n3\t2026-12-03 08:00:00', NOW)).problems).toEqual([
      { line: 1, reason: '0000-01-01 08:00:00 is before 2000: no terminal keeps such a time' },
      { line: 3, reason: '2026-12-03 08:00:00 is in the future' },
    ]);
  });

  it('tells the date order from a day above 12 and asks when nothing tells', async () => {
    expect(detectDateOrder(['01/11/2026 08:00', '13/11/2026 08:00'])).toBe('dmy');
    expect(detectDateOrder(['11/01/2026 08:00', '11/13/2026 08:00'])).toBe('mdy');
    expect(detectDateOrder(['01/11/2026 08:00', '02/11/2026 08:00', '11/02/2026 08:00'])).toBeNull();
    expect(detectDateOrder(['13/01/2026 08:00', '01/13/2026 08:00'])).toBeNull();
    expect(detectDateOrder(['2026-01-03 08:00', ''])).toBe('ymd');
  });

  it('reads day-first, month-first and 12-hour times', async () => {
    expect(parseTimeText('01/03/2026 8:05', 'dmy')).toEqual({ time: '2026-03-01 08:05:00' });
    expect(parseTimeText('01/03/2026 8:05', 'mdy')).toEqual({ time: '2026-01-03 08:05:00' });
    expect(parseTimeText('2026-03-01 12:15:09 AM', 'ymd')).toEqual({ time: '2026-03-01 00:15:09' });
    expect(parseTimeText('2026-03-01 01:15 pm', 'dmy')).toEqual({ time: '2026-03-01 13:15:00' });
  });
});

describe('CSV and XLSX with a column mapping', () => {
  it('reads a semicolon CSV with separate date and time columns and worded states', async () => {
    const table = await sheet(readCsv('\uFEFFEmployee No;Date;Time;Type\n1042;02/03/2026;08:01;Check In\n1042;02/03/2026;17:30;check-out\n;02/03/2026;17:30;IN\n7;02/03/2026;17:30;sideways\n'));
    const result = await punchesFromTable(table, { userId: 'Employee No', time: 'Date', timeOfDay: 'Time', state: 'Type' }, 'dmy', NOW);
    expect(result.punches).toEqual([
      { line: 2, userId: '1042', deviceTime: '2026-03-02 08:01:00', state: 0, verify: 0 },
      { line: 3, userId: '1042', deviceTime: '2026-03-02 17:30:00', state: 1, verify: 0 },
    ]);
    expect(result.problems).toEqual([
      { line: 4, reason: 'The "Employee No" cell is empty' },
      { line: 5, reason: '"sideways" is not a punch state (use IN, OUT or a state number)' },
    ]);
  });

  it('names the columns a mapping asks for that the file lacks', async () => {
    const result = await punchesFromTable(await sheet(readCsv('id,when\n1,2026-03-02 08:00:00\n')), { userId: 'id', time: 'Time' }, 'ymd', NOW);
    expect(result.problems).toEqual([{ line: 1, reason: 'The file has no column named "Time"' }]);
  });

  it('reads date cells of an XLSX file as the wall clock they show', async () => {
    const workbook = new ExcelJS.Workbook();
    const punchSheet = workbook.addWorksheet('Punches');
    punchSheet.addRow(['User', 'Punch time', 'State']);
    punchSheet.addRow([1042, new Date(Date.UTC(2026, 2, 2, 8, 1, 30)), 0]);
    punchSheet.addRow(['0007', '2026-03-02 17:30:00', 'OUT']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await punchesFromTable(await sheet(readXlsx(bytes)), { userId: 'User', time: 'Punch time', state: 'State' }, 'ymd', NOW);
    expect(result).toEqual({
      punches: [
        { line: 2, userId: '1042', deviceTime: '2026-03-02 08:01:30', state: 0, verify: 0 },
        { line: 3, userId: '0007', deviceTime: '2026-03-02 17:30:00', state: 1, verify: 0 },
      ],
      problems: [],
    });
  });
});

async function sheet(read: Promise<SheetRead>): Promise<Table> {
  const result = await read;
  if ('refused' in result) throw new Error(result.refused);
  return result.table;
}
