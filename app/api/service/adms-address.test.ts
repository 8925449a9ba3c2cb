// An approved ADMS terminal is bound to the address it was approved from: the serial on its
// sticker alone lets no other computer upload punches as it. Real journal, real receiver port.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AdmsDeviceSimulator } from '../../sim/adms';
import { openSettings } from '../../settings';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

let service: PunchbridgeService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startWithReceiver(): Promise<{ api: PunchbridgeService; serverUrl: string }> {
  const dataDir = tempFolder('adms-address');
  const port = await freePort();
  const settings = openSettings(dataDir);
  settings.setPaused(true);
  settings.setSyncSettings({ admsPort: port });
  service = await createPunchbridgeService({ dataDir, mode: 'headless', admsHost: '127.0.0.1' });
  return { api: service, serverUrl: `http://127.0.0.1:${port}` };
}

const SERIAL = 'CQZ7232960466';

describe('ADMS terminals bound to their address', { timeout: 30_000 }, () => {
  it('refuses punches sent with an approved serial from another address, shows the change, and takes them after approval again', async () => {
    const { api, serverUrl } = await startWithReceiver();
    const terminal = new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL, localAddress: '127.0.0.1' });
    expect((await terminal.handshake()).status).toBe(403);
    const approved = await api.approveAdmsDevice({ serialNumber: SERIAL, name: 'Front door', timeZone: 'UTC' });
    expect(approved.ok).toBe(true);

    const forger = new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL, localAddress: '127.0.0.2' });
    forger.punch({ userId: '1', time: '2026-03-02 08:00:00', state: 0, verify: 1 });
    expect((await forger.handshake()).status).toBe(403);
    expect((await forger.uploadAttendance()).status).toBe(403);
    expect((await api.queryPunches({})).total).toBe(0);
    expect(await api.listAdmsDevices()).toMatchObject([{ serialNumber: SERIAL, approved: true, approvedAddress: '127.0.0.1', remoteAddress: '127.0.0.1', movedToAddress: '127.0.0.2' }]);

    // The terminal at its own address goes on as before.
    terminal.punch({ userId: '2', time: '2026-03-02 08:01:00', state: 0, verify: 1 });
    expect(await terminal.uploadAttendance()).toEqual({ status: 200, body: 'OK: 1' });

    // The person decides the terminal really moved (a new DHCP lease): approve it again.
    expect(await api.approveAdmsDevice({ serialNumber: SERIAL, name: 'Front door' })).toMatchObject({ ok: true, value: { id: approved.ok && approved.value.id } });
    expect(await api.listAdmsDevices()).toMatchObject([{ approvedAddress: '127.0.0.2', movedToAddress: null }]);
    expect(await forger.uploadAttendance()).toEqual({ status: 200, body: 'OK: 1' });
    expect((await terminal.uploadAttendance()).status).toBe(403);
    expect((await api.queryPunches({})).rows.map((punch) => punch.userId).sort()).toEqual(['1', '2']);
  });

  it('takes a terminal that proves its comm key at the handshake at its new address, without approval again', async () => {
    const { api, serverUrl } = await startWithReceiver();
    const before = new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL, localAddress: '127.0.0.1', pushCommKey: '5081' });
    expect((await before.handshake()).status).toBe(403);
    expect(await api.approveAdmsDevice({ serialNumber: SERIAL, name: 'Front door', pushCommKey: '5081' })).toMatchObject({ ok: true });

    // A forger with the serial but not the key stays out.
    for (const pushCommKey of [undefined, '1234']) {
      const forger = new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL, localAddress: '127.0.0.3', pushCommKey });
      forger.punch({ userId: '9', time: '2026-03-02 08:00:00', state: 0, verify: 1 });
      expect((await forger.handshake()).status).toBe(403);
      expect((await forger.uploadAttendance()).status).toBe(403);
    }

    // The terminal got a new DHCP lease: it registers again, with its key, and uploads as before.
    const moved = new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL, localAddress: '127.0.0.2', pushCommKey: '5081' });
    expect((await moved.handshake()).status).toBe(200);
    moved.punch({ userId: '2', time: '2026-03-02 08:01:00', state: 0, verify: 1 });
    expect(await moved.uploadAttendance()).toEqual({ status: 200, body: 'OK: 1' });
    expect(await api.listAdmsDevices()).toMatchObject([{ approvedAddress: '127.0.0.2', hasPushCommKey: true }]);
    expect((await api.queryPunches({})).rows.map((punch) => punch.userId)).toEqual(['2']);
  });
});
