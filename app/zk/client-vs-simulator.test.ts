// The client against the product simulator (app/sim/zk): the full flows a sync run goes through.
import { describe, expect, it } from 'vitest';
import { CMD_CLEAR_ATTLOG } from './constants';
import { connectZk, probeDevice, ZkError } from './index';
import { connect, punchesOf, simulator } from './test-support/simulator-session';

describe('client against the simulator', () => {
  it('logs in with a comm key and reads 30,000 records with long ids, coalesced chunks', async () => {
    const device = await simulator({ commKey: 4321, recordCount: 30_000, userCount: 200, longIds: true, faults: { coalesceChunks: true } });
    expect((await connectZk({ host: device.host, port: device.port }).catch((error: ZkError) => error)) as ZkError).toMatchObject({ code: 'comm-key-required' });
    expect((await connectZk({ host: device.host, port: device.port, commKey: 1234 }).catch((error: ZkError) => error)) as ZkError).toMatchObject({ code: 'comm-key-wrong' });
    const client = await connect(device, { commKey: 4321 });
    expect(await client.getSerialNumber()).toBe(device.serialNumber);
    const { records, invalid } = await client.readAttendance();
    expect(invalid).toEqual([]);
    expect(records).toHaveLength(30_000);
    expect(punchesOf(records)).toEqual(punchesOf(device.records));
    expect(new Set(records.map((record) => record.userId)).size).toBeGreaterThan(1);
    expect(records[0]!.userId).toHaveLength(13);
  });

  it.each([8, 16, 40, 49] as const)('reads %i-byte records with their states and user ids', async (recordSize) => {
    const device = await simulator({ recordCount: 1500, userCount: 20, recordSize, ...(recordSize === 16 || recordSize === 8 ? {} : { longIds: true }) });
    const client = await connect(device);
    expect(punchesOf((await client.readAttendance()).records)).toEqual(punchesOf(device.records));
  });

  it('reads users with non-ASCII names, in both encodings the simulator writes', async () => {
    for (const [nameEncoding, ours] of [['utf8', 'utf-8'], ['latin1', 'windows-1252']] as const) {
      const device = await simulator({ userCount: 300, longIds: true, nameEncoding });
      const client = await connect(device, { nameEncoding: ours });
      const users = await client.readUsers();
      expect(users.map(({ uid, userId, name }) => ({ uid, userId, name }))).toEqual(device.users.map(({ uid, userId, name }) => ({ uid, userId, name })));
    }
  });

  it('reports the Feb 31 record as invalid', async () => {
    const device = await simulator({ recordCount: 20, includeInvalidDate: true });
    const client = await connect(device);
    const { records, invalid } = await client.readAttendance();
    expect(records.length + invalid.length).toBe(device.records.length);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.time).toMatch(/^\d{4}-02-31 /);
  });

  it('reads over UDP, and falls back to UDP when TCP is refused', async () => {
    const device = await simulator({ recordCount: 5000, faults: { refuseTcp: true } });
    const client = await connect(device);
    expect(client.transport).toBe('udp');
    expect(punchesOf((await client.readAttendance()).records)).toEqual(punchesOf(device.records));
  });

  it('says how far it got when the device drops the connection, and a new read succeeds', async () => {
    const device = await simulator({ recordCount: 30_000, faults: { dropAfterBytes: 200_000 } });
    const client = await connect(device);
    const error = (await client.readAttendance().catch((caught: unknown) => caught)) as ZkError;
    expect(error).toBeInstanceOf(ZkError);
    expect(error.code).toBe('connection-lost');
    expect(error.message).toMatch(/after [\d,]+ of 1,200,004 bytes\. Nothing was lost: try again\./);
    await device.setFaults({ dropAfterBytes: null });
    const again = await connect(device);
    expect((await again.readAttendance()).records).toHaveLength(30_000);
  });

  it('turns ACK_ERROR into device-refused, and clears for real', async () => {
    const device = await simulator({ recordCount: 10, faults: { ackErrorFor: CMD_CLEAR_ATTLOG } });
    const client = await connect(device);
    expect((await client.clearAttendance().catch((error: ZkError) => error)) as ZkError).toMatchObject({ code: 'device-refused' });
    await device.setFaults({ ackErrorFor: null });
    await client.clearAttendance();
    expect(device.clearCount).toBe(1);
    expect((await client.readAttendance()).records).toEqual([]);
  });

  it('sets the device clock', async () => {
    const device = await simulator({});
    const client = await connect(device);
    await client.setTime('2030-01-02 03:04:05');
    expect(await client.getTime()).toMatch(/^2030-01-02 03:04:0[5-7]$/);
  });

  it('streams live punches and ACKs each one', async () => {
    const device = await simulator({ userCount: 5 });
    const client = await connect(device);
    const abort = new AbortController();
    const seen = [];
    const stream = client.liveEvents({ signal: abort.signal });
    setTimeout(() => {
      device.punch({ userId: device.users[0]!.userId, state: 1, verify: 15, time: '2026-11-25 09:00:00' });
      device.punch({ userId: device.users[1]!.userId, state: 0, time: '2026-11-25 09:00:05' });
    }, 100);
    for await (const punch of stream) {
      seen.push(punch);
      if (seen.length === 2) abort.abort();
    }
    expect(punchesOf(seen)).toEqual([
      { userId: device.users[0]!.userId, time: '2026-11-25 09:00:00', state: 1, verify: 15 },
      { userId: device.users[1]!.userId, time: '2026-11-25 09:00:05', state: 0, verify: 1 },
    ]);
    expect(device.eventsAcked).toBe(2);
  });

  it('probes a device with a skewed clock, never locks its keypad, and leaves no connection open', async () => {
    const device = await simulator({ userCount: 3, recordCount: 4, clockOffsetSeconds: 300 });
    const result = await probeDevice({ host: device.host, port: device.port }, { users: true, records: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ serialNumber: device.serialNumber, userCount: 3, recordCount: 4, transportUsed: 'tcp' });
    expect(Math.abs(result.value.clockSkewSeconds - 300)).toBeLessThanOrEqual(2);
    expect(result.value.users).toHaveLength(3);
    expect(result.value.records).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(device.connections).toBe(0);
    expect(device.isDisabled).toBe(false);
    expect(device.disableCount).toBe(0);
  });

  it('times out on a silent device and reports it as busy', async () => {
    const device = await simulator({ faults: { silent: true } });
    const error = (await connectZk({ host: device.host, port: device.port, transport: 'tcp', timeoutMs: 300 }).catch((caught: unknown) => caught)) as ZkError;
    expect(error.code).toBe('device-busy');
  });
});
