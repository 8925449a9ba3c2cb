import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator } from '../../sim';
import { createPunchbridgeService, type PunchbridgeService } from '.';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('importing punches from files', () => {
  let service: PunchbridgeService;
  let device: ZkSimulator;
  let dataDir: string;
  let deviceId: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-import-'));
    device = await startZkSimulator({ userCount: 5, recordCount: 40, serialNumber: 'CKJP221260999' });
    service = await createPunchbridgeService({ dataDir, mode: 'headless' });
    await service.setPaused({ paused: true });
    const added = await service.addDevice({ name: 'Main gate', host: '127.0.0.1', port: device.port });
    if (!added.ok) throw new Error(added.error.message);
    deviceId = added.value.id;
  });
  afterEach(async () => {
    await service.close();
    await device.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('recognises punches already read over the network in the USB export of the same device', async () => {
    await service.syncNow();
    const usbExport = device.records.map((record) => `${record.userId.padStart(9)}\t${record.time}\t1\t${record.state}\t${record.verify}\t0`).join('\r\n');
    const extra = '       77\t2026-03-02 08:00:00\t1\t0\t1\t0';
    const outcome = await service.importPunches({ fileName: 'CKJP221260999_attlog.dat', contentBase64: base64(`${usbExport}\r\n${extra}\r\n`), deviceId });
    expect(outcome).toEqual({ ok: true, value: { read: 41, inserted: 1, alreadyKnown: 40, problems: [] } });
    const page = await service.queryPunches({ search: '77' });
    expect(page.rows.map((punch) => [punch.userId, punch.deviceTime, punch.source])).toEqual([['77', '2026-03-02 08:00:00', 'file']]);
  });

  it('previews a USB attlog in words (what was pressed, how the person was known) and stores the device\'s codes as they are', async () => {
    const lines = ['     1042\t2026-03-02 08:00:00\t1\t0\t1\t0', '     1042\t2026-03-02 17:31:09\t1\t1\t15\t0', '       77\t2026-03-02 19:02:00\t1\t4\t2\t0', '       78\t2026-03-02 19:05:00\t1\t9\t7\t0'];
    const file = { fileName: '1_attlog.dat', contentBase64: base64(`${lines.join('\r\n')}\r\n`) };
    const preview = await service.previewImport(file);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.headers).toEqual(['User ID', 'Time', 'Key pressed', 'Verified by']);
    expect(preview.value.sampleRows).toEqual([
      ['1042', '2026-03-02 08:00:00', 'Check in', 'Fingerprint'],
      ['1042', '2026-03-02 17:31:09', 'Check out', 'Face'],
      ['77', '2026-03-02 19:02:00', 'Overtime in', 'Card'],
      ['78', '2026-03-02 19:05:00', 'Key 9', 'Other (7)'],
    ]);

    expect(await service.importPunches({ ...file, deviceId })).toMatchObject({ ok: true, value: { inserted: 4 } });
    const stored = (await service.queryPunches({})).rows.map((punch) => [punch.userId, punch.punchStateCode, punch.verifyType]);
    expect(stored.sort()).toEqual([['1042', 0, 1], ['1042', 1, 15], ['77', 4, 2], ['78', 9, 7]].sort());
  });

  it('previews a CSV, then refuses to half-import it until the person accepts leaving bad rows out', async () => {
    const csv = 'Emp;Date;Time\n1042;02/03/2026;08:01\n1042;31/02/2026;17:30\n';
    const preview = await service.previewImport({ fileName: 'march.csv', contentBase64: base64(csv) });
    expect(preview).toMatchObject({ ok: true, value: { kind: 'csv', headers: ['Emp', 'Date', 'Time'], punchCount: null } });

    const mapping = { userId: 'Emp', time: 'Date', timeOfDay: 'Time', dateOrder: 'dmy' as const };
    const mapped = await service.previewImport({ fileName: 'march.csv', contentBase64: base64(csv), mapping });
    expect(mapped).toMatchObject({ ok: true, value: { punchCount: 1, problemCount: 1, problems: [{ line: 3, reason: '"31/02/2026 17:30" is not a real date and time' }] } });

    const refused = await service.importPunches({ fileName: 'march.csv', contentBase64: base64(csv), mapping, deviceId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import-has-problems' } });
    expect((await service.queryPunches({})).total).toBe(0);

    const accepted = await service.importPunches({ fileName: 'march.csv', contentBase64: base64(csv), mapping, deviceId, acceptProblems: true });
    expect(accepted).toMatchObject({ ok: true, value: { read: 1, inserted: 1, problems: [{ line: 3 }] } });
  });

  it('says which files it reads when given something else', async () => {
    const result = await service.previewImport({ fileName: 'photo.jpg', contentBase64: base64('\xff\xd8\xff') });
    expect(result).toMatchObject({ ok: false, error: { code: 'import-unreadable', action: 'Punchbridge reads USB attlog files (.dat, .txt), CSV and XLSX.' } });
  });
});
