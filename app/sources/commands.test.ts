import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceInputSchema } from '../vocabulary';
import { openDataFolder } from '../sync';
import { registerSourceCommands } from './commands';

let dataDir: string;
let stdout: string;
let stderr: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-import-cli-'));
  const folder = openDataFolder(dataDir);
  folder.journal.addDevice(DeviceInputSchema.parse({ name: 'Main gate', host: '192.168.1.201' }));
  folder.close();
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function punchbridge(...args: string[]): Promise<number> {
  const program = new Command('punchbridge').option('--data-dir <dir>').option('--json').exitOverride();
  registerSourceCommands(program);
  await program.parseAsync(['--data-dir', dataDir, ...args], { from: 'user' });
  return Number(process.exitCode ?? 0);
}

function file(name: string, text: string): string {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
}

function journalPunches(): string[][] {
  const folder = openDataFolder(dataDir);
  try {
    return folder.journal.queryPunches({}).rows.map((punch) => [punch.deviceSerial, punch.userId, punch.deviceTime, punch.source]);
  } finally {
    folder.close();
  }
}

const ATTLOG = ['        1\t2026-03-02 08:01:30\t1\t0\t1\t0', '       42\t2026-03-02 17:30:00\t1\t1\t1\t0', '       43\tyesterday\t1\t0\t1\t0', ''].join('\r\n');

describe('punchbridge import', () => {
  it('refuses a file with unreadable rows and names them by line, then imports the rest when told to', async () => {
    const path = file('AEH2202060001_attlog.dat', ATTLOG);
    expect(await punchbridge('import', path, '--device', 'main gate')).toBe(2);
    expect(stderr).toContain('line 3: "yesterday" is not a date and time');
    expect(stderr).toContain('Nothing was imported.');
    expect(journalPunches()).toEqual([]);

    expect(await punchbridge('import', path, '--device', 'main-gate', '--accept-problems')).toBe(1);
    expect(stdout).toContain('2 punches read, 2 new, 0 already in the journal');
    expect(stdout).toContain('1 rows left out:\n  line 3:');
    expect(journalPunches().sort()).toEqual([
      ['device:main-gate', '1', '2026-03-02 08:01:30', 'file'],
      ['device:main-gate', '42', '2026-03-02 17:30:00', 'file'],
    ]);
  });

  it("never lets a file's name move another device's punches to the device it is imported for", async () => {
    const folder = openDataFolder(dataDir);
    const warehouse = folder.journal.addDevice(DeviceInputSchema.parse({ name: 'Warehouse', host: '192.168.1.202' }));
    folder.journal.insertPunches('AEH2202060001', warehouse.id, 'zk', [{ userId: '5', deviceTime: '2026-03-01 08:00:00', punchStateCode: 0, verifyType: 1 }]);
    folder.close();

    // Main gate was never read; the file carries the warehouse terminal's serial in its name.
    expect(await punchbridge('import', file('AEH2202060001_attlog.dat', ATTLOG.split('\r\n').slice(0, 2).join('\r\n')), '--device', 'Main gate')).toBe(0);

    const reopened = openDataFolder(dataDir);
    try {
      const byDevice = reopened.journal.queryPunches({}).rows.map((punch) => [punch.deviceName, punch.userId]).sort();
      expect(byDevice).toEqual([
        ['Main gate', '1'],
        ['Main gate', '42'],
        ['Warehouse', '5'],
      ]);
    } finally {
      reopened.close();
    }
  });

  it('asks for --date-order when no date in the CSV tells day from month, and tells it from a day above 12', async () => {
    const columns = ['--user-column', 'User', '--time-column', 'Time'];
    const ambiguous = file('november.csv', 'User,Time\n1,01/11/2026 08:00\n2,02/11/2026 08:00\n3,11/02/2026 08:00\n');
    expect(await punchbridge('import', ambiguous, '--device', 'Main gate', ...columns)).toBe(2);
    expect(stderr).toContain('could be day first or month first');
    expect(stderr).toContain('--date-order dmy');
    expect(journalPunches()).toEqual([]);

    const telling = file('december.csv', 'User,Time\n1,01/12/2026 08:00\n2,13/11/2026 08:00\n');
    expect(await punchbridge('import', telling, '--device', 'Main gate', ...columns)).toBe(0);
    expect(journalPunches().map((punch) => punch.slice(1, 3)).sort()).toEqual([
      ['1', '2026-12-01 08:00:00'],
      ['2', '2026-11-13 08:00:00'],
    ]);
  });

  it('recognises rows already imported, in JSON', async () => {
    const path = file('export.dat', ATTLOG.split('\r\n').slice(0, 2).join('\r\n'));
    expect(await punchbridge('import', path, '--device', 'Main gate')).toBe(0);
    stdout = '';
    expect(await punchbridge('--json', 'import', path, '--device', 'Main gate')).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ ok: true, file: 'export.dat', deviceId: 'main-gate', kind: 'attlog', read: 2, inserted: 0, alreadyKnown: 2, problems: [], problemCount: 0 });
    // No serial in the name and none read from the device yet: the punches are kept under the device.
    expect(journalPunches().map((punch) => punch[0])).toEqual(['device:main-gate', 'device:main-gate']);
  });

  it('reads a CSV with the column mapping it is given, and lists the columns when it is missing', async () => {
    const path = file('march.csv', 'Emp;Date;Time;Type\n1042;02/03/2026;08:01;IN\n1042;02/03/2026;17:45;Out\n');
    expect(await punchbridge('import', path, '--device', 'Main gate')).toBe(2);
    expect(stderr).toContain('The file\'s columns: "Emp", "Date", "Time", "Type"');

    const mapped = ['--user-column', 'Emp', '--time-column', 'Date', '--time-of-day-column', 'Time', '--state-column', 'Type', '--date-order', 'dmy'];
    expect(await punchbridge('--json', 'import', path, '--device', 'Main gate', ...mapped)).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'csv', read: 2, inserted: 2 });
    expect(journalPunches().map((punch) => punch.slice(1)).sort()).toEqual([
      ['1042', '2026-03-02 08:01:00', 'file'],
      ['1042', '2026-03-02 17:45:00', 'file'],
    ]);
  });

  it('exits 2 with what to do for an unknown device, a missing file or half a mapping', async () => {
    const path = file('1_attlog.dat', ATTLOG);
    expect(await punchbridge('import', path, '--device', 'Warehouse')).toBe(2);
    expect(stderr).toContain('Use one of: "Main gate"');
    expect(await punchbridge('import', join(dataDir, 'nope.dat'), '--device', 'Main gate')).toBe(2);
    expect(stderr).toContain('Cannot read');
    expect(await punchbridge('import', path, '--device', 'Main gate', '--user-column', 'Emp')).toBe(2);
    expect(stderr).toContain('needs both --user-column and --time-column');
    expect(journalPunches()).toEqual([]);
  });
});
