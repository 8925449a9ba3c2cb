// Hostile data through the real doors: an ADMS terminal posting to the receiver's HTTP
// port, and files sent to the host's HTTP API as the browser UI sends them. Real journal, real
// receiver; the journal must stay readable and every good line must be kept once.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE_NAME } from '../../sync';
import type { ImportOutcome, ImportPreview } from '../contract';
import { approvedTerminal, freePort, startHost, stopHost } from './host-test-support';

afterEach(stopHost);

const GOOD_LINES = ['1\t2026-11-02 08:00:00\t0\t1\t0\t0\t0', '2\t2026-11-02 08:01:00\t0\t1', '3\t2026-11-02 08:02:00\t1\t15\t0', '4\t2026-11-02 08:03:00', '5\t2026-11-02 08:04:00\t255\t25\t0\t0\t0'];

describe('ADMS uploads with absurd numbers', { timeout: 60_000 }, () => {
  it.each([
    ['status 2^53 + 1', '6\t2026-11-02 08:05:00\t9007199254740993\t1\t0'],
    ['status of 20 digits', '6\t2026-11-02 08:05:00\t99999999999999999999\t1\t0'],
    ['verify 1e300', '6\t2026-11-02 08:05:00\t0\t1e300\t0'],
    ['a negative status', '6\t2026-11-02 08:05:00\t-1\t1\t0'],
    ['a year 9999 time', '6\t9999-12-31 23:59:59\t0\t1\t0'],
    ['a PIN of 8 kB', `${'9'.repeat(8192)}\t2026-11-02 08:05:00\t0\t1\t0`],
  ])('keeps the 5 good lines of a body with %s, answers OK, and the journal stays readable', async (_what, badLine) => {
    const admsPort = await freePort();
    const { api, call } = await startHost(admsPort);
    const terminal = await approvedTerminal(api, admsPort, 'CQZ7232960466');

    const upload = await terminal.uploadRaw('ATTLOG', [...GOOD_LINES.slice(0, 3), badLine, ...GOOD_LINES.slice(3)].join('\n'));
    expect(upload).toEqual({ status: 200, body: 'OK: 5' });
    // The terminal resends nothing: the same body again adds nothing and still answers OK.
    expect(await terminal.uploadRaw('ATTLOG', [badLine, ...GOOD_LINES].join('\n'))).toEqual({ status: 200, body: 'OK: 5' });

    const listed = await call<never>('queryPunches', {});
    expect(listed.status).toBe(200);
    const page = listed.result as unknown as { rows: { userId: string }[] };
    expect(page.rows.map((row) => row.userId).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect((await call('exportPunchesCsv', {})).status).toBe(200);
    const log = await api.readLog({});
    expect(log.map((entry) => entry.message).join('\n')).toMatch(/CQZ7232960466: 1 uploaded lines could not be read and were left out \(first: line 4: /);
  });

  it('keeps the good users of an OPERLOG body with Card=1e20', async () => {
    const admsPort = await freePort();
    const { api, dataDir } = await startHost(admsPort);
    const terminal = await approvedTerminal(api, admsPort, 'CQZ7232960466');
    const body = ['USER PIN=1\tName=Asha\tPri=0\tPasswd=\tCard=123\tGrp=1', 'USER PIN=2\tName=Ben\tPri=0\tPasswd=\tCard=1e20\tGrp=1', 'USER PIN=3\tName=Chen\tPri=14\tPasswd=\tCard=\tGrp=1'].join('\n');
    expect(await terminal.uploadRaw('OPERLOG', body)).toEqual({ status: 200, body: 'OK' });
    const journal = new DatabaseSync(join(dataDir, JOURNAL_FILE_NAME), { readOnly: true });
    const users = journal.prepare('SELECT user_id, name, card_number FROM device_users ORDER BY user_id').all();
    journal.close();
    expect(users.map((user) => [user.user_id, user.name, user.card_number])).toEqual([
      ['1', 'Asha', 123],
      ['3', 'Chen', 0],
    ]);
  });
});

describe('big jobs', { timeout: 120_000 }, () => {
  it('answers an ADMS terminal while a large import and a large export are still running', async () => {
    const admsPort = await freePort();
    const { api } = await startHost(admsPort);
    const terminal = await approvedTerminal(api, admsPort, 'CQZ7232960466');
    const device = await api.addDevice({ name: 'Main gate', host: '192.168.1.201' });
    if (!device.ok) throw new Error(device.error.message);
    const lines = Array.from({ length: 100_000 }, (_, index) => `${index}\t2026-0${1 + (index % 9)}-1${index % 10} 08:${String(index % 60).padStart(2, '0')}:00\t1\t0\t1\t0`);

    let importDone = false;
    const importing = api.importPunches({ fileName: '1_attlog.dat', contentBase64: base64(lines.join('\r\n')), deviceId: device.value.id }).finally(() => (importDone = true));
    expect(await terminal.poll()).toEqual({ status: 200, body: 'OK' });
    expect(importDone).toBe(false);
    expect(await importing).toMatchObject({ ok: true, value: { read: 100_000, inserted: 100_000 } });

    let exportDone = false;
    const exporting = api.exportPunchesCsv({}).finally(() => (exportDone = true));
    expect(await terminal.poll()).toEqual({ status: 200, body: 'OK' });
    expect(exportDone).toBe(false);
    expect((await exporting).ok).toBe(true);
  });
});

function base64(text: string | Buffer): string {
  return Buffer.from(text).toString('base64');
}

describe('file imports through the host API', { timeout: 60_000 }, () => {
  it('accounts for every line of a .dat with CR-only, mixed line ends, a BOM and a stray ANSI byte', async () => {
    const { call, api } = await startHost();
    const device = await api.addDevice({ name: 'Main gate', host: '192.168.1.201' });
    if (!device.ok) throw new Error(device.error.message);
    const lines = ['101\t2026-11-02 08:00:00\t1\t0\t1\t0', '102\t2026-11-02 08:01:00\t1\t0\t1\t0', '103\t2026-11-02 08:02:00\t1\t0\t1\t0'];
    const files = {
      'cr-only.dat': Buffer.from(lines.join('\r')),
      'mixed.dat': Buffer.from(`${lines[0]}\r\n${lines[1]}\r${lines[2]}\n`),
      // A UTF-8 BOM, then a name byte that is not UTF-8 (é in Windows-1252) further on.
      'bom.dat': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\t`), Buffer.from([0xe9])]),
    };
    for (const [fileName, bytes] of Object.entries(files)) {
      const preview = await call<ImportPreview>('previewImport', { fileName, contentBase64: base64(bytes) });
      expect(preview.result, fileName).toMatchObject({ ok: true, value: { punchCount: 3, problemCount: 0 } });
      const imported = await call<ImportOutcome>('importPunches', { fileName, contentBase64: base64(bytes), deviceId: device.value.id });
      expect(imported.result.ok, fileName).toBe(true);
    }
    const listed = await api.queryPunches({});
    expect(listed.rows.map((row) => row.userId).sort()).toEqual(['101', '102', '103']);
  });

  it('makes absurd numbers and impossible or far-future dates in a .dat problem lines, never punches', async () => {
    const { call, api } = await startHost();
    const device = await api.addDevice({ name: 'Main gate', host: '192.168.1.201' });
    if (!device.ok) throw new Error(device.error.message);
    const text = [
      '1\t2026-11-02 08:00:00\t1\t9007199254740993\t1\t0',
      '2\t2026-11-02 08:00:00\t1\t0\t1e300\t0',
      '3\t0000-11-02 08:00:00\t1\t0\t1\t0',
      '4\t26-11-21 08:00:00\t1\t0\t1\t0',
      '5\t2099-01-01 08:00:00\t1\t0\t1\t0',
      '6\t9999-12-31 23:59:59\t1\t0\t1\t0',
      '7\t2026-11-02 08:00:00\t1\t0\t1\t0',
    ].join('\r\n');
    const input = { fileName: '1_attlog.dat', contentBase64: base64(text), deviceId: device.value.id, acceptProblems: true };
    const imported = await call<ImportOutcome>('importPunches', input);
    expect(imported.result).toMatchObject({ ok: true, value: { read: 1, inserted: 1 } });
    expect(imported.result.ok && imported.result.value.problems.map((problem) => problem.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await api.queryPunches({})).rows.map((row) => row.userId)).toEqual(['7']);
  });

  it('tells the date order from a day above 12, asks when no day tells, and previews the stored date beside the text', async () => {
    const { call } = await startHost();
    const mapping = { userId: 'User', time: 'Time' };
    const ambiguous = 'User,Time\n1,01/11/2026 08:00\n2,02/11/2026 08:00\n3,11/02/2026 08:00\n';
    const asked = await call<ImportPreview>('previewImport', { fileName: 'november.csv', contentBase64: base64(ambiguous), mapping });
    expect(asked.result).toMatchObject({ ok: true, value: { dateOrder: null, punchCount: null } });

    const chosen = await call<ImportPreview>('previewImport', { fileName: 'november.csv', contentBase64: base64(ambiguous), mapping: { ...mapping, dateOrder: 'dmy' } });
    expect(chosen.result).toMatchObject({ ok: true, value: { dateOrder: 'dmy', dateOrderDetected: false, punchCount: 3 } });
    expect(chosen.result.ok && chosen.result.value.sampleTimes).toEqual(['2026-11-01 08:00:00', '2026-11-02 08:00:00', '2026-02-11 08:00:00']);

    const telling = `${ambiguous}4,13/11/2026 08:00\n`;
    const detected = await call<ImportPreview>('previewImport', { fileName: 'november.csv', contentBase64: base64(telling), mapping });
    expect(detected.result).toMatchObject({ ok: true, value: { dateOrder: 'dmy', dateOrderDetected: true, punchCount: 4 } });
    expect(detected.result.ok && detected.result.value.sampleRows.map((row, index) => [row[1], detected.result.ok && detected.result.value.sampleTimes[index]])).toEqual([
      ['01/11/2026 08:00', '2026-11-01 08:00:00'],
      ['02/11/2026 08:00', '2026-11-02 08:00:00'],
      ['11/02/2026 08:00', '2026-02-11 08:00:00'],
      ['13/11/2026 08:00', '2026-11-13 08:00:00'],
    ]);
  });

  it('refuses a spreadsheet bomb with a clear message and keeps answering', async () => {
    const { call } = await startHost();
    const bomb = zipOf({ '[Content_Types].xml': Buffer.from('<Types/>'), 'xl/worksheets/sheet1.xml': Buffer.alloc(200 * 1024 * 1024, 0x20) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const preview = await call<ImportPreview>('previewImport', { fileName: 'punches.xlsx', contentBase64: base64(bomb) });
    expect(preview.status).toBe(200);
    expect(preview.result).toMatchObject({ ok: false, error: { code: 'import-too-large', message: expect.stringContaining('unpacks to more than 160 MB') } });
    expect((await call('getStatus')).status).toBe(200);
  });
});

/** A ZIP with deflated entries, built by hand so the test can make one that unpacks to far more than it weighs. */
function zipOf(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = deflateRawSync(content, { level: 1 });
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
