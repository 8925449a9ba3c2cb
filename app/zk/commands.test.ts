import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { registerZkCommands } from './commands';
import { parseZkTrace } from './trace';
import { startFakeZkDevice, type FakeZkDevice } from './test-support/fake-zk-device';
import { attendanceRecordBytes, dataset, userRecordBytes } from './test-support/record-bytes';

let device: FakeZkDevice;
let output: string;

beforeEach(async () => {
  output = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((output += String(chunk)), true));
  device = await startFakeZkDevice({
    commKey: 12,
    users: { dataset: dataset([userRecordBytes(72, { uid: 1, userId: '1234567890123', name: 'Zoë', privilege: 14, cardNumber: 5, password: '2468' })]), count: 1 },
    records: { dataset: dataset([attendanceRecordBytes(40, { userId: '1234567890123', time: '2026-11-25 08:01:02', state: 1, verify: 15 })]), count: 1 },
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await device.close();
});

async function punchbridge(...args: string[]): Promise<void> {
  const program = new Command('punchbridge').option('--json').exitOverride();
  registerZkCommands(program, program.command('device'));
  await program.parseAsync(args, { from: 'user' });
}

describe('punchbridge device probe', () => {
  it('prints the JSON report with users and records', async () => {
    await punchbridge('--json', 'device', 'probe', '--host', '127.0.0.1', '--port', String(device.port), '--comm-key', '12', '--users', '--records');
    const report = JSON.parse(output);
    expect(report).toMatchObject({
      serialNumber: 'FAKE0001',
      firmware: 'Ver 6.60 Apr 28 2017',
      deviceName: 'K40',
      platform: 'ZMM220_TFT',
      userCount: 1,
      userCapacity: 10000,
      recordCount: 1,
      recordCapacity: 100000,
      deviceTime: '2024-03-01 08:00:00',
      clockSkewSeconds: expect.any(Number),
      users: [{ userId: '1234567890123', name: 'Zoë', privilege: 14, cardNumber: 5 }],
      records: [{ userId: '1234567890123', time: '2026-11-25 08:01:02', state: 1, verify: 15 }],
    });
    expect(process.exitCode).toBeUndefined();
  });

  it('prints a readable report', async () => {
    await punchbridge('device', 'probe', '--host', '127.0.0.1', '--port', String(device.port), '--comm-key', '12', '--records');
    expect(output).toContain('Serial number  FAKE0001');
    expect(output).toContain('Records        1 of 100,000');
    expect(output).toMatch(/1234567890123\s+2026-11-25 08:01:02\s+1 check-out\s+15 face/);
  });

  it('exits 2 with what happened and what to do when the comm key is missing', async () => {
    await punchbridge('device', 'probe', '--host', '127.0.0.1', '--port', String(device.port));
    expect(process.exitCode).toBe(2);
    expect(output).toContain('protected by a communication key');
    expect(output).toContain('Enter the comm key');
  });

  it('writes a masked trace of the session with --trace, even when the probe fails', async () => {
    const failedFile = join(tempFolder('trace'), 'failed.json');
    await punchbridge('device', 'probe', '--host', '127.0.0.1', '--port', String(device.port), '--trace', failedFile);
    expect(process.exitCode).toBe(2);
    expect(parseZkTrace(readFileSync(failedFile, 'utf8')).packets.map((packet) => packet.from)).toEqual(['client', 'device']);

    const file = join(tempFolder('trace'), 'trace.json');
    await punchbridge('device', 'probe', '--host', '127.0.0.1', '--port', String(device.port), '--comm-key', '12', '--users', '--trace', file);
    expect(output).toContain(`written to ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(parseZkTrace(text).packets.length).toBeGreaterThan(10);
    expect(text).not.toContain(Buffer.from('Zoë').toString('hex'));
    expect(text).not.toContain(Buffer.from('2468').toString('hex'));
    expect(text).toContain(Buffer.from('1234567890123').toString('hex'));
  });
});
