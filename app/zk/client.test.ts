import { createServer, type AddressInfo } from 'node:net';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { connectZk, probeDevice, type ZkDevice } from './index';
import { CMD_CLEAR_ATTLOG, CMD_EXIT, CMD_GET_TIME, CMD_REG_EVENT, CMD_SET_TIME } from './constants';
import { startFakeZkDevice, type FakeDeviceOptions, type FakeZkDevice } from './test-support/fake-zk-device';
import { attendanceRecordBytes, dataset, userRecordBytes } from './test-support/record-bytes';
import { rejection } from './test-support/simulator-session';

const opened: { devices: FakeZkDevice[]; clients: ZkDevice[] } = { devices: [], clients: [] };

afterEach(async () => {
  await Promise.all(opened.clients.splice(0).map((client) => client.disconnect()));
  await Promise.all(opened.devices.splice(0).map((device) => device.close()));
});

async function fakeDevice(options: FakeDeviceOptions = {}): Promise<FakeZkDevice> {
  const device = await startFakeZkDevice(options);
  opened.devices.push(device);
  return device;
}

async function connect(device: FakeZkDevice, options: Partial<Parameters<typeof connectZk>[0]> = {}): Promise<ZkDevice> {
  const client = await connectZk({ host: '127.0.0.1', port: device.port, timeoutMs: 1000, ...options });
  opened.clients.push(client);
  return client;
}

function attendanceLog(count: number, size: 8 | 16 | 40 | 49 = 40) {
  const records = Array.from({ length: count }, (_, i) =>
    attendanceRecordBytes(size, { uid: (i % 500) + 1, userId: String(1_000_000_000_000 + (i % 500)), time: `2026-11-${String((i % 28) + 1).padStart(2, '0')} 08:${String(i % 60).padStart(2, '0')}:00`, state: i % 2 }),
  );
  return { dataset: dataset(records), count };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('connecting', () => {
  it('reads the device facts over TCP', async () => {
    const client = await connect(await fakeDevice({ users: { dataset: dataset([]), count: 3 }, records: attendanceLog(5) }));
    expect(client.transport).toBe('tcp');
    expect(client.sessionId).toBe(0x45cf);
    expect(await client.getSerialNumber()).toBe('FAKE0001');
    expect(await client.getFirmwareVersion()).toBe('Ver 6.60 Apr 28 2017');
    expect(await client.getDeviceName()).toBe('K40');
    expect(await client.getPlatform()).toBe('ZMM220_TFT');
    expect(await client.getSizes()).toMatchObject({ users: 3, records: 5, userCapacity: 10000, recordCapacity: 100000 });
    expect(await client.getTime()).toBe('2024-03-01 08:00:00');
  });

  it('runs commands issued together one after another', async () => {
    const client = await connect(await fakeDevice());
    const [serial, firmware, time] = await Promise.all([client.getSerialNumber(), client.getFirmwareVersion(), client.getTime()]);
    expect([serial, firmware, time]).toEqual(['FAKE0001', 'Ver 6.60 Apr 28 2017', '2024-03-01 08:00:00']);
  });

  it('logs in with the comm key, and tells a missing key from a wrong one', async () => {
    const device = await fakeDevice({ commKey: 12 });
    expect((await rejection(connect(device))).code).toBe('comm-key-required');
    expect((await rejection(connect(device, { commKey: 13 }))).code).toBe('comm-key-wrong');
    const client = await connect(device, { commKey: 12 });
    expect(await client.getSerialNumber()).toBe('FAKE0001');
  });

  it('falls back to UDP when TCP is refused', async () => {
    const client = await connect(await fakeDevice({ udpOnly: true, records: attendanceLog(3000) }));
    expect(client.transport).toBe('udp');
    const { records } = await client.readAttendance();
    expect(records).toHaveLength(3000);
  });

  it('says the port is closed when nothing listens', async () => {
    const error = await rejection(connectZk({ host: '127.0.0.1', port: await freePort(), timeoutMs: 500 }));
    expect(error.code).toBe('port-closed');
    expect(error.toApiError()).toMatchObject({ code: 'port-closed', action: expect.stringContaining('4370') });
  });

  it('says no device answers when a UDP port stays silent', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const error = await rejection(connectZk({ host: '127.0.0.1', port: silent.address().port, transport: 'udp', timeoutMs: 300 }));
    silent.close();
    expect(error.code).toBe('host-unreachable');
  });

  it('recognises something that is not a ZK device', async () => {
    const error = await rejection(connect(await fakeDevice({ garbage: true })));
    expect(error.code).toBe('not-a-zk-device');
    expect(error.message).toContain('not a ZK attendance device');
  });

  it('reports a device that accepts the connection but does not answer as busy', async () => {
    expect((await rejection(connect(await fakeDevice({ silent: true }), { transport: 'tcp', timeoutMs: 300 }))).code).toBe('device-busy');
  });
});

describe('commands', () => {
  it('turns ACK_ERROR into device-refused', async () => {
    const client = await connect(await fakeDevice({ refuse: [CMD_CLEAR_ATTLOG] }));
    const error = await rejection(client.clearAttendance());
    expect(error.code).toBe('device-refused');
    expect(error.message).toContain('clear its attendance log');
  });

  it('times out a command the device never answers, and the session stays usable', async () => {
    const client = await connect(await fakeDevice({ ignore: [CMD_GET_TIME] }), { timeoutMs: 200 });
    expect((await rejection(client.getTime())).code).toBe('timeout');
    expect(await client.getSerialNumber()).toBe('FAKE0001');
  });

  it('sets the time as a wall clock, and refuses an impossible one before sending', async () => {
    const device = await fakeDevice();
    const client = await connect(device);
    await client.setTime('2026-11-25 10:00:00');
    const sent = device.received.find((packet) => packet.command === CMD_SET_TIME)!;
    expect(sent.data.readUInt32LE(0)).toBe(((26 * 12 + 10) * 31 + 24) * 86400 + 36000);
    expect(() => client.setTime('2026-02-31 10:00:00')).toThrow(RangeError);
  });

  it('clears the attendance log', async () => {
    const client = await connect(await fakeDevice({ records: attendanceLog(10) }));
    expect((await client.readAttendance()).records).toHaveLength(10);
    await client.clearAttendance();
    expect(await client.readAttendance()).toMatchObject({ records: [], invalid: [], warnings: [] });
  });
});

describe('buffered reads', () => {
  it('reads 30,000 records whose chunk packets arrive coalesced, with progress', async () => {
    const log = attendanceLog(30_000);
    const client = await connect(await fakeDevice({ records: log, coalesce: true }));
    const progress: number[][] = [];
    const { records, invalid } = await client.readAttendance((read, total) => progress.push([read, total]));
    expect(records).toHaveLength(30_000);
    expect(invalid).toEqual([]);
    expect(records[29_999]).toMatchObject({ userId: String(1_000_000_000_000 + (29_999 % 500)), state: 1 });
    expect(progress.at(-1)).toEqual([log.dataset.length, log.dataset.length]);
    expect(progress.map(([read]) => read)).toEqual([...progress.map(([read]) => read)].sort((a, b) => a! - b!));
  });

  it('reassembles chunks split into 1008-byte DATA packets', async () => {
    const client = await connect(await fakeDevice({ records: attendanceLog(2000, 49), dataPieceSize: 1008 }));
    expect((await client.readAttendance()).records).toHaveLength(2000);
  });

  it('takes a small dataset sent directly as CMD_DATA', async () => {
    const punches = ['101', '102', '103'].map((userId) => attendanceRecordBytes(16, { userId, time: '2026-11-02 08:00:00' }));
    const client = await connect(await fakeDevice({ records: { dataset: dataset(punches), count: 3 } }));
    expect((await client.readAttendance()).records.map((record) => record.userId)).toEqual(['101', '102', '103']);
  });

  it('maps 8-byte records to PINs through the user list', async () => {
    const users = [1, 2, 3].map((uid) => userRecordBytes(72, { uid, userId: `EMP-${uid}`, name: `User ${uid}` }));
    const client = await connect(await fakeDevice({ records: attendanceLog(3, 8), users: { dataset: dataset(users), count: 3 } }));
    expect((await client.readAttendance()).records.map((record) => record.userId)).toEqual(['EMP-1', 'EMP-2', 'EMP-3']);
  });

  it('reads users over UDP in 16 KiB chunks of 1024-byte datagrams', async () => {
    const users = Array.from({ length: 600 }, (_, i) => userRecordBytes(72, { uid: i + 1, userId: `12345678901${String(i).padStart(3, '0')}`, name: 'Łukasz Żółć' }));
    const client = await connect(await fakeDevice({ users: { dataset: dataset(users), count: 600 } }), { transport: 'udp' });
    const read = await client.readUsers();
    expect(read).toHaveLength(600);
    expect(read[599]).toMatchObject({ userId: '12345678901599', name: 'Łukasz Żółć' });
  });

  it('says how far it got when the device drops the connection mid-read', async () => {
    const log = attendanceLog(30_000);
    const client = await connect(await fakeDevice({ records: log, dropAfterBytes: 100_000 }));
    const error = await rejection(client.readAttendance());
    expect(error.code).toBe('connection-lost');
    expect(error.message).toMatch(/^The device closed the connection after [\d,]+ of 1,200,004 bytes\. Nothing was lost: try again\.$/);
    await client.disconnect();
  });
});

describe('live events', () => {
  it('yields punches, ACKs each event and unregisters when aborted', async () => {
    const device = await fakeDevice();
    const client = await connect(device);
    const abort = new AbortController();
    const event = Buffer.alloc(36);
    event.write('1234567890123', 0, 'latin1');
    Buffer.from('0f011a0b02080000', 'hex').copy(event, 24);
    const punches = [];
    const registered = setInterval(() => {
      if (device.received.some((packet) => packet.command === CMD_REG_EVENT)) {
        clearInterval(registered);
        device.pushEvent(event);
        device.pushEvent(Buffer.from('0700 01 00 1a021f080000'.replace(/ /g, ''), 'hex'));
        device.pushEvent(event);
      }
    }, 5);
    for await (const punch of client.liveEvents({ signal: abort.signal })) {
      punches.push(punch);
      if (punches.length === 2) abort.abort();
    }
    expect(punches).toEqual([
      { userId: '1234567890123', uid: null, time: '2026-11-02 08:00:00', state: 1, verify: 15, workCode: 0 },
      { userId: '1234567890123', uid: null, time: '2026-11-02 08:00:00', state: 1, verify: 15, workCode: 0 },
    ]);
    expect(device.eventAcks).toBe(3);
    const registrations = device.received.filter((packet) => packet.command === CMD_REG_EVENT).map((packet) => packet.data.readUInt32LE(0));
    expect(registrations).toEqual([1, 0]);
  });

  it('ends the stream quietly when we disconnect', async () => {
    const client = await connect(await fakeDevice());
    const stream = client.liveEvents()[Symbol.asyncIterator]();
    const next = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.disconnect();
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('ends the stream with connection-lost when the device goes away', async () => {
    const device = await fakeDevice();
    const client = await connect(device);
    const stream = client.liveEvents()[Symbol.asyncIterator]();
    const next = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await device.close();
    expect((await rejection(next)).code).toBe('connection-lost');
  });
});

describe('cleaning up', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
  const handles = () =>
    process
      .getActiveResourcesInfo()
      .filter((kind) => ['TCPSocketWrap', 'UDPWrap', 'Timeout'].includes(kind))
      .sort();
  /** Handles open now that were not open before: timers of earlier tests may expire meanwhile, but nothing may be added. */
  const handlesAddedSince = (before: string[]) => {
    const remaining = [...before];
    return handles().filter((kind) => {
      const index = remaining.indexOf(kind);
      if (index === -1) return true;
      remaining.splice(index, 1);
      return false;
    });
  };

  it('leaves no socket or timer behind after disconnect, and disconnect can be called twice', async () => {
    // This device neither answers EXIT nor hangs up: closing the socket is up to the client.
    const device = await fakeDevice({ records: attendanceLog(5000), ignore: [CMD_EXIT] });
    await settle();
    const before = handles();
    const client = await connectZk({ host: '127.0.0.1', port: device.port, timeoutMs: 1000 });
    await client.readAttendance();
    await client.getTime();
    await client.disconnect();
    await client.disconnect();
    await settle();
    expect(handlesAddedSince(before)).toEqual([]);
    expect(device.received.filter((packet) => packet.command === CMD_EXIT)).toHaveLength(1);
    expect(device.openConnections()).toBe(0);
  });

  it('leaves nothing behind after a failed connect', async () => {
    const device = await fakeDevice({ commKey: 5 });
    await settle();
    const before = handles();
    await rejection(connectZk({ host: '127.0.0.1', port: device.port, commKey: 6 }));
    await settle();
    expect(handlesAddedSince(before)).toEqual([]);
  });
});

describe('probeDevice', () => {
  it('reports facts, lists and clock skew as a Result', async () => {
    const users = [userRecordBytes(72, { uid: 1, userId: '1234567890123', name: 'Ana', privilege: 14, cardNumber: 77 })];
    const device = await fakeDevice({ users: { dataset: dataset(users), count: 1 }, records: attendanceLog(2) });
    const result = await probeDevice({ host: '127.0.0.1', port: device.port }, { users: true, records: true }, () => new Date(2024, 2, 1, 7, 59, 30));
    expect(result).toMatchObject({
      ok: true,
      value: {
        serialNumber: 'FAKE0001',
        transportUsed: 'tcp',
        userCount: 1,
        recordCount: 2,
        deviceTime: '2024-03-01 08:00:00',
        clockSkewSeconds: 30,
        users: [{ userId: '1234567890123', name: 'Ana', privilege: 14, cardNumber: 77 }],
        records: [{ userId: '1000000000000', time: '2026-11-01 08:00:00', state: 0 }, { userId: '1000000000001' }],
      },
    });
    expect(device.openConnections()).toBe(0);
  });

  it('returns the error as an ApiError', async () => {
    const result = await probeDevice({ host: '127.0.0.1', port: await freePort(), transport: 'tcp', timeoutMs: 300 });
    expect(result).toEqual({ ok: false, error: { code: 'port-closed', message: expect.any(String), action: expect.any(String) } });
  });
});
