// Punches that arrive by themselves, end to end through the service into the ERPNext simulator:
// live capture from the ZK simulator, ADMS uploads from the ADMS simulator, and a USB file carrying
// the same punch. Real journal, real receivers, real sync engine; the schedule is paused.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdmsDeviceSimulator } from '../../sim/adms';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, employeeName, startErpnextSimulator, type ErpnextSimulator } from '../../sim/erpnext';
import { startZkSimulator, type ZkSimulator } from '../../sim/zk';
import { ERPNEXT_API_SECRET, openFileSecretStore, openSettings } from '../../settings';
import { instantToWallClock } from '../../sync';
import { createPunchbridgeService, type PunchbridgeService } from '.';

let dataDir: string;
let erpnext: ErpnextSimulator;
let service: PunchbridgeService | undefined;
let zk: ZkSimulator | undefined;

async function start(admsPort: number | null = null): Promise<PunchbridgeService> {
  dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-ways-in-'));
  erpnext = await startErpnextSimulator();
  const settings = openSettings(dataDir);
  settings.setErpnext({ url: erpnext.url, apiKey: DEFAULT_API_KEY, serverTimeZone: 'UTC' });
  settings.setPaused(true);
  settings.setSyncSettings({ admsPort });
  openFileSecretStore(dataDir).set(ERPNEXT_API_SECRET, DEFAULT_API_SECRET);
  service = await createPunchbridgeService({ dataDir, mode: 'headless', admsHost: '127.0.0.1' });
  return service;
}

afterEach(async () => {
  await service?.close();
  await zk?.close();
  await erpnext.close();
  service = undefined;
  zk = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const checkinsOf = (employee: string, time: string) =>
  erpnext.checkins.filter((checkin) => checkin.employee === employee && String(checkin.time).startsWith(time));

describe('live capture through the service', { timeout: 60_000 }, () => {
  it('sends a live punch to ERPNext within seconds, and the scheduled read of it makes no second checkin', async () => {
    const api = await start();
    zk = await startZkSimulator({ serialNumber: 'LIVE00000001', userCount: 10, recordCount: 5 });
    const added = await api.addDevice({ name: 'Main gate', host: zk.host, port: zk.port, timeZone: 'UTC', live: true });
    expect(added.ok).toBe(true);
    await waitFor(() => zk!.eventSubscribers === 1, 5_000);

    const punchedAt = Date.now();
    zk.punch({ userId: '7', time: '2026-11-24 08:02:03', state: 0 });
    await waitFor(() => checkinsOf(employeeName(7), '2026-11-24 08:02:03').length === 1, 5_000);
    expect(Date.now() - punchedAt).toBeLessThan(5_000);
    expect(zk.eventsAcked).toBe(1);
    // ERPNext has the checkin a moment before the journal records its answer.
    await waitFor(async () => (await api.getStatus()).counts.synced === 1, 5_000);
    const live = await api.queryPunches({ search: '7', from: '2026-11-24', to: '2026-11-24' });
    expect(live.rows.map((punch) => [punch.userId, punch.source, punch.state])).toEqual([['7', 'live', 'synced']]);
    expect((await api.listRuns({})).length).toBe(0);

    const run = await api.syncNow();
    expect(run.ok && run.value.devices.map((device) => [device.ok, device.read, device.new])).toEqual([[true, 6, 5]]);
    expect(checkinsOf(employeeName(7), '2026-11-24 08:02:03')).toHaveLength(1);
    expect((await api.queryPunches({ search: '7', from: '2026-11-24', to: '2026-11-24' })).total).toBe(1);
    // The capture holds its own connection beside the run's, and only that one stays open.
    await waitFor(() => zk!.connections === 1, 5_000);
  });

  it('closes the live connection when the device is switched off live, and on close', async () => {
    const api = await start();
    zk = await startZkSimulator({ serialNumber: 'LIVE00000002', recordCount: 0 });
    const added = await api.addDevice({ name: 'Back door', host: zk.host, port: zk.port, live: true });
    if (!added.ok) throw new Error(added.error.message);
    await waitFor(() => zk!.connections === 1, 5_000);
    await api.updateDevice({ id: added.value.id, changes: { live: false } });
    await waitFor(() => zk!.connections === 0, 5_000);
    await api.updateDevice({ id: added.value.id, changes: { live: true } });
    await waitFor(() => zk!.connections === 1, 5_000);
    await service!.close();
    service = undefined;
    await waitFor(() => zk!.connections === 0, 5_000);
  });
});

describe('a USB file before the first network read', { timeout: 60_000 }, () => {
  it('files its punches under the device, and the first read over the network adds only the others', async () => {
    const api = await start();
    zk = await startZkSimulator({ serialNumber: 'CKJP221260777', userCount: 10, recordCount: 5 });
    const added = await api.addDevice({ name: 'Warehouse', host: zk.host, port: zk.port, timeZone: 'UTC' });
    if (!added.ok) throw new Error(added.error.message);
    const onStick = zk.records.slice(0, 2);
    const usbExport = onStick.map((record) => `${record.userId.padStart(9)}\t${record.time}\t1\t${record.state}\t${record.verify}\t0`).join('\r\n');
    const imported = await api.importPunches({ fileName: '1_attlog.dat', contentBase64: Buffer.from(`${usbExport}\r\n`).toString('base64'), deviceId: added.value.id });
    expect(imported).toMatchObject({ ok: true, value: { read: 2, inserted: 2 } });

    const run = await api.syncNow();
    expect(run.ok && run.value.devices.map((device) => [device.ok, device.read, device.new])).toEqual([[true, 5, 3]]);
    for (const record of zk.records) expect(checkinsOf(employeeName(Number(record.userId)), record.time)).toHaveLength(1);
    const punches = await api.queryPunches({});
    expect(punches.total).toBe(5);
    expect(punches.rows.filter((punch) => punch.source === 'file').map((punch) => [punch.deviceName, punch.deviceSerial, punch.state])).toEqual([
      ['Warehouse', 'CKJP221260777', 'synced'],
      ['Warehouse', 'CKJP221260777', 'synced'],
    ]);
  });
});

describe('a terminal without a usable serial number', { timeout: 60_000 }, () => {
  const usbFileOf = (records: ZkSimulator['records']) =>
    Buffer.from(`${records.map((record) => `${record.userId.padStart(9)}\t${record.time}\t1\t${record.state}\t${record.verify}\t0`).join('\r\n')}\r\n`).toString('base64');

  it.each([
    ['an empty serial', { serialNumber: '' }, 'mac:00:17:61:50:42:01'],
    ['a refused serial and MAC', { serialNumber: null, macAddress: null }, 'device:warehouse'],
  ] as const)('with %s syncs, shows its identity, and USB files before and after the first read stay one punch each', async (_case, options, identity) => {
    const api = await start();
    zk = await startZkSimulator({ ...options, userCount: 10, recordCount: 5 });
    const added = await api.addDevice({ name: 'Warehouse', host: zk.host, port: zk.port, timeZone: 'UTC' });
    if (!added.ok) throw new Error(added.error.message);
    const before = await api.importPunches({ fileName: '1_attlog.dat', contentBase64: usbFileOf(zk.records.slice(0, 2)), deviceId: added.value.id });
    expect(before).toMatchObject({ ok: true, value: { inserted: 2 } });

    const run = await api.syncNow();
    expect(run.ok && run.value.devices.map((device) => [device.ok, device.read, device.new, device.serialNumber])).toEqual([[true, 5, 3, identity]]);
    expect((await api.listDevices()).map((device) => device.serialNumber)).toEqual([identity]);
    const after = await api.importPunches({ fileName: '1_attlog.dat', contentBase64: usbFileOf(zk.records), deviceId: added.value.id });
    expect(after).toMatchObject({ ok: true, value: { read: 5, inserted: 0 } });
    expect((await api.queryPunches({})).total).toBe(5);
    for (const record of zk.records) expect(checkinsOf(employeeName(Number(record.userId)), record.time)).toHaveLength(1);
  });

  it('is captured live, instead of failing on the serial request again and again', async () => {
    const api = await start();
    zk = await startZkSimulator({ serialNumber: null, macAddress: null, userCount: 10, recordCount: 0 });
    const added = await api.addDevice({ name: 'Side door', host: zk.host, port: zk.port, timeZone: 'UTC', live: true });
    if (!added.ok) throw new Error(added.error.message);
    await waitFor(() => zk!.eventSubscribers === 1, 5_000);
    zk.punch({ userId: '4', time: '2026-11-24 07:58:00', state: 0 });
    await waitFor(async () => (await api.queryPunches({ search: '4', from: '2026-11-24', to: '2026-11-24' })).total === 1, 5_000);
    const [punch] = (await api.queryPunches({ search: '4', from: '2026-11-24', to: '2026-11-24' })).rows;
    expect([punch!.deviceSerial, punch!.deviceName, punch!.source]).toEqual(['device:side-door', 'Side door', 'live']);
  });
});

describe('two terminals reporting one serial number', { timeout: 60_000 }, () => {
  it('are not merged: the second is kept apart under its own identity, and the run says so', async () => {
    const api = await start();
    zk = await startZkSimulator({ serialNumber: 'CLONE0000001', userCount: 10, recordCount: 4, seed: 1 });
    const twin = await startZkSimulator({ serialNumber: 'CLONE0000001', userCount: 10, recordCount: 6, seed: 2 });
    try {
      const first = await api.addDevice({ name: 'Gate A', host: zk.host, port: zk.port, timeZone: 'UTC' });
      if (!first.ok) throw new Error(first.error.message);
      expect((await api.syncNow()).ok).toBe(true);
      const second = await api.addDevice({ name: 'Gate B', host: twin.host, port: twin.port, timeZone: 'UTC' });
      if (!second.ok) throw new Error(second.error.message);
      const run = await api.syncNow();
      if (!run.ok) throw new Error(run.error.message);
      expect(run.value.devices.map((device) => [device.deviceName, device.ok, device.serialNumber])).toEqual([
        ['Gate A', true, 'CLONE0000001'],
        ['Gate B', true, 'device:gate-b'],
      ]);
      expect(run.value.warnings.join(' ')).toMatch(/Gate B reports the serial number CLONE0000001, which Gate A also reports/);
      const punches = await api.queryPunches({});
      expect(punches.total).toBe(10);
      expect(punches.rows.filter((punch) => punch.deviceName === 'Gate B')).toHaveLength(6);
      const again = await api.syncNow();
      expect(again.ok && again.value.devices.map((device) => device.serialNumber)).toEqual(['CLONE0000001', 'device:gate-b']);
    } finally {
      await twin.close();
    }
  });
});

describe('ADMS push through the service', { timeout: 60_000 }, () => {
  it('refuses an unknown terminal, lists it, keeps its uploads once approved, and a USB file of the same punch adds nothing', async () => {
    const port = await freePort();
    const api = await start(port);
    const terminal = new AdmsDeviceSimulator({ serverUrl: `http://127.0.0.1:${port}`, serialNumber: 'CQZ7232960466' });
    terminal.punch({ userId: '3', time: '2026-11-24 08:59:12', state: 0, verify: 1 });

    expect((await terminal.handshake()).status).toBe(403);
    expect((await terminal.uploadAttendance()).status).toBe(403);
    expect(await api.listAdmsDevices()).toMatchObject([{ serialNumber: 'CQZ7232960466', approved: false, deviceId: null, remoteAddress: '127.0.0.1', punchesReceived: 0 }]);
    expect((await api.queryPunches({})).total).toBe(0);

    const approved = await api.approveAdmsDevice({ serialNumber: 'CQZ7232960466', name: 'Front door', timeZone: 'UTC' });
    if (!approved.ok) throw new Error(approved.error.message);
    expect(approved.value).toMatchObject({ name: 'Front door', host: '127.0.0.1', serialNumber: 'CQZ7232960466', timeZone: 'UTC' });

    expect((await terminal.handshake()).options).toMatchObject({ ATTLOGStamp: '0', TimeZone: '0', Realtime: '1' });
    const waitingCounts: number[] = [];
    const unsubscribe = api.subscribe((event) => void (event.type === 'status' && waitingCounts.push(event.status.counts.pending)));
    expect(await terminal.uploadAttendance()).toEqual({ status: 200, body: 'OK: 1' });
    // The screens hear of the punch as soon as it is kept, before it goes to ERPNext.
    await waitFor(() => waitingCounts.includes(1), 5_000);
    unsubscribe();
    expect(await terminal.uploadUsers([{ userId: '3', name: 'Chandra Rao' }])).toEqual({ status: 200, body: 'OK' });
    await waitFor(() => checkinsOf(employeeName(3), '2026-11-24 08:59:12').length === 1, 5_000);
    expect((await terminal.handshake()).options).toMatchObject({ ATTLOGStamp: '1', OPERLOGStamp: '1' });
    expect(await api.listAdmsDevices()).toMatchObject([{ approved: true, deviceId: approved.value.id, punchesReceived: 1 }]);

    const usb = Buffer.from('        3\t2026-11-24 08:59:12\t1\t0\t1\t0\r\n').toString('base64');
    const imported = await api.importPunches({ fileName: 'CQZ7232960466_attlog.dat', contentBase64: usb, deviceId: approved.value.id });
    expect(imported).toEqual({ ok: true, value: { read: 1, inserted: 0, alreadyKnown: 1, problems: [] } });

    const run = await api.syncNow();
    // The run does not try to poll the terminal over port 4370: it pushes its punches itself.
    expect(run.ok && run.value.devices).toEqual([]);
    expect(checkinsOf(employeeName(3), '2026-11-24 08:59:12')).toHaveLength(1);
    const punches = await api.queryPunches({});
    expect(punches.rows.map((punch) => [punch.userId, punch.source, punch.deviceName, punch.state])).toEqual([['3', 'adms', 'Front door', 'synced']]);
    expect(await api.listUnmatchedUsers()).toEqual([]);
  });

  it("sends a terminal whose firmware reads minutes its time zone in minutes, once that is chosen, so its clock is right", async () => {
    const port = await freePort();
    const api = await start(port);
    const terminal = new AdmsDeviceSimulator({ serverUrl: `http://127.0.0.1:${port}`, serialNumber: 'CQZ7232960499', timeZoneUnit: 'minutes' });
    await terminal.handshake();
    const approved = await api.approveAdmsDevice({ serialNumber: 'CQZ7232960499', name: 'Mumbai office', timeZone: 'Asia/Kolkata' });
    if (!approved.ok) throw new Error(approved.error.message);
    const indiaNow = () => instantToWallClock(terminal.serverDate!, 'Asia/Kolkata');

    expect((await terminal.handshake()).options.TimeZone).toBe('5.5');
    expect(terminal.clock()).not.toBe(indiaNow());

    expect(await api.updateDevice({ id: approved.value.id, changes: { admsTimeZoneUnit: 'minutes' } })).toMatchObject({ ok: true, value: { admsTimeZoneUnit: 'minutes' } });
    expect((await terminal.handshake()).options.TimeZone).toBe('330');
    expect(terminal.clock()).toBe(indiaNow());
  });

  it('starts, moves and stops the receiver as the port setting changes', async () => {
    const api = await start();
    const [first, second] = [await freePort(), await freePort()];
    const knock = (port: number) => new AdmsDeviceSimulator({ serverUrl: `http://127.0.0.1:${port}`, serialNumber: 'SN0001' }).handshake().then((answer) => answer.status, () => 'refused');
    expect(await knock(first)).toBe('refused');
    expect(await api.saveSyncSettings({ admsPort: first })).toMatchObject({ ok: true });
    expect(await knock(first)).toBe(403);
    expect(await api.saveSyncSettings({ admsPort: second })).toMatchObject({ ok: true });
    expect([await knock(first), await knock(second)]).toEqual(['refused', 403]);
    expect(await api.saveSyncSettings({ admsPort: null })).toMatchObject({ ok: true });
    expect(await knock(second)).toBe('refused');
  });
});
