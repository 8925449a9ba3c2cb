// `punchbridge users sync` as a person runs it: a real process per command against both simulators.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceInputSchema, type DeviceUserOutcome, type DeviceUserPreview } from '../../vocabulary';
import { openJournal } from '../../journal';
import { ERPNEXT_API_SECRET, openFileSecretStore, openSettings } from '../../settings';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, type ErpnextSimulator } from '../../sim/erpnext';
import { startZkSimulator, type ZkSimulator } from '../../sim/zk';
import { JOURNAL_FILE_NAME } from '../data-folder';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
let dataDir: string;
let zk: ZkSimulator;
let backDoor: ZkSimulator;
let erpnext: ErpnextSimulator;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, VITEST: undefined };
    execFile(process.execPath, ['--import', 'tsx', 'app/cli.ts', '--data-dir', dataDir, ...args], { cwd: projectRoot, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-users-'));
  // Terminal users "1".."4"; user 1 is its administrator.
  zk = await startZkSimulator({ userCount: 4, recordCount: 0 });
  backDoor = await startZkSimulator({ userCount: 2, recordCount: 0, templatesPerUser: 2, serialNumber: 'BACKDOOR0001' });
  erpnext = await startErpnextSimulator({
    employees: [
      { name: 'HR-EMP-00002', employee_name: 'Amina Okafor', attendance_device_id: '2', status: 'Active' },
      { name: 'HR-EMP-00003', employee_name: 'Mateo Girard', attendance_device_id: '3', status: 'Left' },
      { name: 'HR-EMP-00101', employee_name: 'New Hire', attendance_device_id: '101', status: 'Active' },
    ],
  });
  openSettings(dataDir).setErpnext({ url: erpnext.url, apiKey: DEFAULT_API_KEY, serverTimeZone: 'UTC' });
  openFileSecretStore(dataDir).set(ERPNEXT_API_SECRET, DEFAULT_API_SECRET);
});

afterAll(async () => {
  await Promise.all([zk.close(), backDoor.close(), erpnext.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('punchbridge users sync', { timeout: 120_000 }, () => {
  it('shows the changes on --dry-run and makes none', async () => {
    expect((await cli('device', 'add', '--name', 'Front door', '--host', zk.host, '--port', String(zk.port))).code).toBe(0);
    const dry = await cli('--json', 'users', 'sync', '--dry-run');
    expect(dry.code).toBe(0);
    const { devices } = JSON.parse(dry.stdout) as { devices: DeviceUserPreview[] };
    expect(devices[0]!.changes.map((change) => [change.kind, change.userId, change.name])).toEqual([
      ['rename', '2', 'Amina Okafor'],
      ['add', '101', 'New Hire'],
    ]);
    expect(zk.users.map((user) => user.userId)).toEqual(['1', '2', '3', '4']);
  });

  it('makes the changes, removes the leaver only with --remove-left, and records who asked', async () => {
    const applied = await cli('users', 'sync', '--remove-left', '--device', 'front-door');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('remove 3 "');
    expect(applied.stdout).toContain('Front door: 3 of 3 change(s) done');
    expect(zk.users.map((user) => [user.userId, user.name])).toEqual([
      ['1', zk.users[0]!.name],
      ['2', 'Amina Okafor'],
      ['4', zk.users[2]!.name],
      ['101', 'New Hire'],
    ]);
    const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
    try {
      const history = journal.listDeviceUserChanges(10);
      expect(history.map((entry) => [entry.kind, entry.userId, entry.outcome])).toEqual([
        ['add', '101', 'done'],
        ['remove', '3', 'done'],
        ['rename', '2', 'done'],
      ]);
      expect(history[0]!.requestedBy).toMatch(/^command line/);
    } finally {
      journal.close();
    }

    const again = await cli('--json', 'users', 'sync');
    expect((JSON.parse(again.stdout) as { devices: DeviceUserOutcome[] }).devices[0]).toMatchObject({ changes: [] });
  });

  it('copies one user\'s fingers from another terminal, and records it', async () => {
    expect((await cli('device', 'add', '--name', 'Back door', '--host', backDoor.host, '--port', String(backDoor.port))).code).toBe(0);
    const dry = await cli('users', 'copy-templates', '--from', 'back-door', '--to', 'front-door', '--user', '2', '--dry-run');
    expect(dry.stdout).toContain('2 "');
    expect(zk.templates).toHaveLength(0);

    const copied = await cli('users', 'copy-templates', '--from', 'back-door', '--to', 'front-door', '--user', '2');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain('1 of 1 user(s) copied from Back door to Front door.');
    const uidOnFrontDoor = zk.users.find((user) => user.userId === '2')!.uid;
    expect(zk.templates.map((finger) => [finger.uid, finger.template.toString('hex')])).toEqual(
      backDoor.templates.filter((finger) => finger.uid === 2).map((finger) => [uidOnFrontDoor, finger.template.toString('hex')]),
    );
    const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
    try {
      expect(journal.listDeviceUserChanges(1)[0]).toMatchObject({ kind: 'copy-fingerprints', userId: '2', employee: 'Back door', deviceName: 'Front door', outcome: 'done' });
    } finally {
      journal.close();
    }
  });

  it('lists the changes still waiting for an ADMS device, and does not propose them again', async () => {
    const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
    let deviceId: string;
    try {
      const device = journal.addDevice(DeviceInputSchema.parse({ name: 'Side gate', host: '127.0.0.1' }));
      deviceId = device.id;
      journal.noteAdmsRequest('ADMS0000001', '127.0.0.1');
      journal.linkAdmsDevice('ADMS0000001', device.id, '127.0.0.1');
      journal.upsertDeviceUsers('ADMS0000001', [{ userId: '2', name: 'Amina Okafor', privilege: 0, cardNumber: 0 }]);
      const change = { deviceId: device.id, deviceName: 'Side gate', kind: 'add' as const, userId: '101', employee: 'HR-EMP-00101', name: 'New Hire', previousName: null, requestedBy: 'test' };
      journal.queueAdmsUserChanges('ADMS0000001', [{ command: 'DATA UPDATE USERINFO PIN=101\tName=New Hire\tPri=0', change }]);
    } finally {
      journal.close();
    }
    const dry = await cli('users', 'sync', '--device', deviceId, '--dry-run');
    expect(dry.stdout).toContain('Side gate: nothing to change');
    expect(dry.stdout).toMatch(/waiting for the device: add 101 "New Hire" \(HR-EMP-00101\), queued \d{4}-\d\d-\d\dT[\d:.]+Z, not fetched yet/);
  });
});
