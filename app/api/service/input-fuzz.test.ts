// Fuzz: seeded random and mutated ATTLOG/OPERLOG bodies at the ADMS port,
// and mutated USB and CSV files at the host's import API. Whatever arrives: no 500, the service
// keeps answering, the journal stays readable, and every good line is stored exactly once. A
// failing seed reproduces: the seed is in the test name.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../sim/seeded-random';
import type { ImportOutcome, ImportPreview } from '../contract';
import { approvedTerminal, freePort, startHost, stopHost } from './host-test-support';

afterEach(stopHost);

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const ABSURD_NUMBERS = ['9007199254740993', '99999999999999999999', '1e300', '1e20', '-1', '256', 'NaN', 'Infinity', '0x10', '1.5', '٣'];
const BAD_TIMES = ['0000-01-01 00:00:00', '9999-12-31 23:59:59', '2099-01-01 08:00:00', '2026-02-30 08:00:00', '26-11-21 08:00:00', '2026-11-02 24:00:00', '2026-13-01 08:00:00', '', 'yesterday'];
const BAD_PINS = ['', '   ', 'x'.repeat(25), '1\u00002', '7\u001b[2J', '9'.repeat(8192)];
const LINE_ENDS = ['\n', '\r\n', '\r'];

interface GoodPunch {
  userId: string;
  time: string;
  state: number;
  verify: number;
}

/** A fresh good punch: its user id and minute are unique across the whole run. */
function goodPunch(serial: number, random: Random): GoodPunch {
  const minute = serial * 7;
  const time = new Date(Date.UTC(2026, 9, 1) + minute * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  return { userId: String(1000 + serial), time, state: pick(random, [0, 1, 2, 3, 4, 5, 255]), verify: pick(random, [0, 1, 2, 4, 15, 25]) };
}

function randomText(random: Random, length: number): string {
  return Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0x250))).join('');
}

/** Where a line keeps its fields: ADMS posts PIN, time, status, verify; a USB .dat has the machine number before the status. */
interface LineFormat {
  fields: (punch: GoodPunch) => string[];
  codeColumns: number[];
}

const ADMS_LINE: LineFormat = { fields: (punch) => [punch.userId, punch.time, String(punch.state), String(punch.verify), '0', '0', '0'], codeColumns: [2, 3] };
const USB_LINE: LineFormat = { fields: (punch) => [punch.userId, punch.time, '1', String(punch.state), String(punch.verify), '0'], codeColumns: [3, 4] };

/** A line that must not become a punch: a good line with one field broken, or noise. */
function badLine(random: Random, template: GoodPunch, format: LineFormat): string {
  const fields = format.fields(template);
  switch (Math.floor(random() * 4)) {
    case 0:
      fields[pick(random, format.codeColumns)] = pick(random, ABSURD_NUMBERS);
      break;
    case 1:
      fields[1] = pick(random, BAD_TIMES);
      break;
    case 2:
      fields[0] = pick(random, BAD_PINS);
      break;
    default:
      return `${randomText(random, 1 + Math.floor(random() * 60))}`;
  }
  return fields.join('\t');
}

interface Body {
  text: string;
  good: GoodPunch[];
}

/** Good and bad lines shuffled, joined by random line ends. */
function mixedBody(random: Random, nextSerial: () => number, lineCount: number, format: (punch: GoodPunch) => string, broken: LineFormat = ADMS_LINE): Body {
  const good: GoodPunch[] = [];
  const lines: string[] = [];
  for (let index = 0; index < lineCount; index++) {
    const punch = goodPunch(nextSerial(), random);
    if (random() < 0.6) {
      good.push(punch);
      lines.push(format(punch));
    } else {
      lines.push(badLine(random, punch, broken));
    }
  }
  let text = '';
  for (const line of lines) text += line + pick(random, LINE_ENDS);
  return { text, good };
}

const attlogLine = (punch: GoodPunch) => ADMS_LINE.fields(punch).join('\t');
const usbLine = (punch: GoodPunch) => USB_LINE.fields(punch).join('\t');

describe('input fuzz', { timeout: 180_000 }, () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: ADMS bodies and import files of random and mutated lines lose no good line and store none twice`, async () => {
      const random = seededRandom(seed);
      let serial = 0;
      const nextSerial = () => serial++;
      const admsPort = await freePort();
      const { api, call } = await startHost(admsPort);
      const terminal = await approvedTerminal(api, admsPort, 'CQZ7232960466');
      const device = await api.addDevice({ name: 'Main gate', host: '192.168.1.201' });
      if (!device.ok) throw new Error(device.error.message);
      const expected: { source: string; punch: GoodPunch }[] = [];

      for (let round = 0; round < 25; round++) {
        const body = mixedBody(random, nextSerial, 1 + Math.floor(random() * 30), attlogLine);
        const upload = await terminal.uploadRaw('ATTLOG', body.text);
        expect(upload, body.text).toEqual({ status: 200, body: `OK: ${body.good.length}` });
        // A terminal that did not hear the answer sends the same body again: nothing doubles.
        if (random() < 0.3) expect((await terminal.uploadRaw('ATTLOG', body.text)).status).toBe(200);
        expected.push(...body.good.map((punch) => ({ source: 'adms', punch })));

        const users = mixedBody(random, nextSerial, 1 + Math.floor(random() * 10), (punch) => `USER PIN=${punch.userId}\tName=${randomText(random, 8)}\tPri=0\tPasswd=\tCard=${Math.floor(random() * 1e9)}\tGrp=1`);
        expect((await terminal.uploadRaw('OPERLOG', users.text.replace(/^(?!USER )/gm, 'USER PIN='))).status).toBe(200);
      }

      for (let round = 0; round < 10; round++) {
        const asCsv = random() < 0.4;
        const body = asCsv
          ? mixedBody(random, nextSerial, 1 + Math.floor(random() * 60), (punch) => `${punch.userId},${punch.time},${punch.state}`)
          : mixedBody(random, nextSerial, 1 + Math.floor(random() * 60), (punch) => `${' '.repeat(Math.floor(random() * 8))}${usbLine(punch)}`, USB_LINE);
        const text = asCsv ? `User,Time,State\n${body.text.replace(/"/g, '')}` : body.text;
        // Half the files start with a BOM, some carry a stray Windows-1252 byte at the end.
        const bytes = Buffer.concat([Buffer.from(random() < 0.5 ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text), Buffer.from(random() < 0.3 ? [0x0a, 0xe9] : [])]);
        const input = {
          fileName: asCsv ? `fuzz-${round}.csv` : `fuzz-${round}_attlog.dat`,
          contentBase64: bytes.toString('base64'),
          deviceId: device.value.id,
          acceptProblems: true,
          ...(asCsv ? { mapping: { userId: 'User', time: 'Time', state: 'State', dateOrder: 'ymd' } } : {}),
        };
        const imported = await call<ImportOutcome>('importPunches', input);
        expect(imported.status, text).not.toBe(500);
        if (!imported.result.ok) throw new Error(`${input.fileName}: ${imported.result.error.message}\n${text}`);
        expect(imported.result.value.read, text).toBe(body.good.length);
        expected.push(...body.good.map((punch) => ({ source: 'file', punch })));
      }

      // Mutated spreadsheets: damaged ZIPs and XML come back as unreadable, never as a 500 or a crash.
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Punches');
      sheet.addRow(['User', 'Time']);
      for (let row = 0; row < 50; row++) sheet.addRow([row, '2026-11-02 08:00:00']);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      for (let round = 0; round < 15; round++) {
        const bytes = Buffer.from(xlsx);
        for (let flip = 0; flip < 1 + Math.floor(random() * 10); flip++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        const preview = await call<ImportPreview>('previewImport', { fileName: 'fuzz.xlsx', contentBase64: bytes.toString('base64'), mapping: { userId: 'User', time: 'Time' } });
        expect(preview.status).toBe(200);
        if (!preview.result.ok) expect(preview.result.error.code).toBe('import-unreadable');
      }

      expect((await call('getStatus')).status).toBe(200);
      const exported = await call<{ csv: string }>('exportPunchesCsv', {});
      expect(exported.status).toBe(200);
      const stored = (await api.queryPunches({ limit: 100_000 })).rows;
      const key = (userId: string, time: string) => `${userId} ${time}`;
      const storedKeys = stored.map((punch) => key(punch.userId, punch.deviceTime));
      expect(new Set(storedKeys).size).toBe(storedKeys.length);
      expect(storedKeys.sort()).toEqual(expected.map(({ punch }) => key(punch.userId, punch.time)).sort());
      const byKey = new Map(stored.map((punch) => [key(punch.userId, punch.deviceTime), punch]));
      for (const { source, punch } of expected) {
        expect(byKey.get(key(punch.userId, punch.time))).toMatchObject({ source, punchStateCode: source === 'file' && punch.state === 255 ? 255 : punch.state });
      }
    });
  }
});
