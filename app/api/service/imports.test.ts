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
