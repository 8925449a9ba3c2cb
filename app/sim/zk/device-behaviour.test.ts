// What a client sees of the simulated terminal: login, options, clock, datasets, clearing,
// disabling and live punches, over TCP and UDP.
import { describe, expect, it } from 'vitest';
import {
  CMD_ACK_ERROR,
  CMD_ACK_OK,
  CMD_ACK_UNAUTH,
  CMD_ATTLOG_RRQ,
  CMD_CLEAR_ATTLOG,
  CMD_CLEAR_DATA,
  CMD_DATA,
  CMD_DISABLEDEVICE,
  CMD_ENABLEDEVICE,
  CMD_EXIT,
  CMD_GET_FREE_SIZES,
  CMD_GET_PINWIDTH,
  CMD_GET_TIME,
  CMD_GET_VERSION,
  CMD_OPTIONS_RRQ,
  CMD_OPTIONS_WRQ,
  CMD_PREPARE_DATA,
  CMD_REG_EVENT,
  CMD_SET_TIME,
  CMD_USERTEMP_RRQ,
  FCT_USER,
} from '../../zk/constants';
import { makeCommKey } from '../../zk/comm-key';
import { encodePacket } from '../../zk/packet';
import { decodeZkTime, encodeZkTime, formatWallClock, parseWallClock } from '../../zk/wall-clock';
import { startZkSimulator } from './index';
import { RawTcpClient, RawUdpClient } from './raw-client';
import { simulatorPerTest } from './test-session';

const session = simulatorPerTest();

const connectedTcp = session.connectedTcp;

const text = (data: Buffer) => data.toString('latin1');
const u32 = (value: number) => Buffer.from(new Uint32Array([value]).buffer);
const until = async (condition: () => boolean) => {
  for (let wait = 0; wait < 100 && !condition(); wait++) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
};

describe('login and device facts', () => {
  it('answers every command with ACK_UNAUTH until the right comm key, and a wrong key with ACK_UNAUTH again', async () => {
    const client = await connectedTcp({ commKey: 123456 });
    expect((await client.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_UNAUTH);
    expect((await client.command(1102, makeCommKey(654321, client.sessionId))).command).toBe(CMD_ACK_UNAUTH);
    expect((await client.command(CMD_GET_FREE_SIZES)).command).toBe(CMD_ACK_UNAUTH);
    expect((await client.command(1102, makeCommKey(123456, client.sessionId, 77))).command).toBe(CMD_ACK_OK);
    expect(text((await client.command(CMD_GET_VERSION)).data)).toBe('Ver 6.60 Apr 28 2017\0');
  });

  it('gives each connection its own random session id and echoes whatever reply id arrives', async () => {
    const first = await connectedTcp();
    const second = await connectedTcp();
    expect(first.sessionId).not.toBe(0);
    expect(first.sessionId).not.toBe(second.sessionId);
    first.sendPacket(encodePacket(CMD_GET_VERSION, first.sessionId, 4242));
    expect((await first.next()).replyId).toBe(4242);
  });

  it('reads options as key=value, refuses unknown keys, and survives pyzk error clearing, SDKBuild and PIN width', async () => {
    const client = await connectedTcp({ serialNumber: 'CKJY201560123', longIds: true });
    expect(text((await client.command(CMD_OPTIONS_RRQ, Buffer.from('~SerialNumber\0'))).data)).toBe('~SerialNumber=CKJY201560123\0');
    expect(text((await client.command(CMD_OPTIONS_RRQ, Buffer.from('~Platform\0'))).data)).toBe('~Platform=ZMM220_TFT\0');
    expect(text((await client.command(CMD_OPTIONS_RRQ, Buffer.from('~DeviceName\0'))).data)).toBe('~DeviceName=Punchbridge Simulator\0');
    expect(text((await client.command(CMD_OPTIONS_RRQ, Buffer.from('~PIN2Width\0'))).data)).toBe('~PIN2Width=14\0');
    expect((await client.command(CMD_OPTIONS_RRQ, Buffer.from('~NoSuchKey\0'))).command).toBe(CMD_ACK_ERROR);
    for (const command of [2001, 0xffff, 0xffff, 0xffff]) expect((await client.command(command)).command).toBe(CMD_ACK_ERROR);
    expect((await client.command(CMD_OPTIONS_WRQ, Buffer.from('SDKBuild=1\0'))).command).toBe(CMD_ACK_OK);
    expect(text((await client.command(CMD_OPTIONS_RRQ, Buffer.from('SDKBuild\0'))).data)).toBe('SDKBuild=1\0');
    expect((await client.command(CMD_GET_PINWIDTH, Buffer.from(' P'))).data[0]).toBe(14);
  });

  it('tolerates a connection closed without a byte (pyzk test_tcp) and counts open connections', async () => {
    await session.start();
    const idle = await RawTcpClient.connect(session.simulator.port);
    expect(await until(() => session.simulator.connections === 1)).toBe(true);
    await idle.close();
    expect(await until(() => session.simulator.connections === 0)).toBe(true);
    const client = await connectedTcp();
    expect((await client.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_OK);
  });

  it('keeps a clock offset against this PC, and SET_TIME moves it', async () => {
    const client = await connectedTcp({ clockOffsetSeconds: -3600 });
    const deviceTime = decodeZkTime((await client.command(CMD_GET_TIME)).data.readUInt32LE(0));
    expect(Math.abs(Date.parse(formatWallClock(deviceTime).replace(' ', 'T')) - Date.parse(session.simulator.deviceTime().replace(' ', 'T')))).toBeLessThanOrEqual(1000);
    expect(session.simulator.clockOffsetSeconds).toBe(-3600);
    const target = parseWallClock('2030-01-02 03:04:05')!;
    expect((await client.command(CMD_SET_TIME, u32(encodeZkTime(target)))).command).toBe(CMD_ACK_OK);
    expect(session.simulator.deviceTime().slice(0, 16)).toBe('2030-01-02 03:04');
    expect(session.simulator.clockOffsetSeconds).toBeGreaterThan(86_400 * 365);
  });
});

describe('datasets', () => {
  it('serves 40-byte records with full 13-digit ids, states, verify types and device times; the same seed gives the same log', async () => {
    const client = await connectedTcp({ recordCount: 300, longIds: true, seed: 7 });
    const { dataset } = await client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0);
    expect(dataset.readUInt32LE(0)).toBe(300 * 40);
    const records = session.simulator.records;
    const decoded = records.map((_, index) => {
      const at = 4 + index * 40;
      const userId = dataset.toString('latin1', at + 2, at + 26).replace(/\0+$/, '');
      return { userId, verify: dataset[at + 26], time: formatWallClock(decodeZkTime(dataset.readUInt32LE(at + 27))), state: dataset[at + 31] };
    });
    expect(decoded).toEqual(records.map(({ userId, verify, time, state }) => ({ userId, verify, time, state })));
    expect(new Set(records.map((record) => record.userId.length))).toEqual(new Set([13]));
    expect(new Set(records.map((record) => record.state))).toEqual(new Set([0, 1, 4, 5]));
    expect(new Set(records.map((record) => record.verify)).size).toBeGreaterThan(2);
    const again = await startZkSimulator({ recordCount: 300, longIds: true, seed: 7 });
    expect(again.records.map((record) => record.userId)).toEqual(records.map((record) => record.userId));
    await again.close();
  });

  it.each([8, 16, 49] as const)('serves %i-byte records', async (recordSize) => {
    const client = await connectedTcp({ recordCount: 100, recordSize });
    const { dataset } = await client.readBuffer(CMD_ATTLOG_RRQ, 1, 0xffc0);
    expect(dataset.length).toBe(4 + 100 * recordSize);
    const first = session.simulator.records[0]!;
    const timeAt = { 8: 7, 16: 8, 49: 31 }[recordSize] - 4;
    expect(formatWallClock(decodeZkTime(dataset.readUInt32LE(4 + timeAt)))).toBe(first.time);
  });

  it('keeps a day-shift log: each user in at 08:30-09:30 and out at 17:00-18:00 on each day, none today when quiet', async () => {
    // Device clock at 12:00 on 2026-03-02: today's check-ins are in, its check-outs not yet.
    const offset = Math.round((Date.UTC(2026, 2, 2, 12, 0, 0) - (Date.now() - new Date().getTimezoneOffset() * 60_000)) / 1000);
    const working = await startZkSimulator({ userCount: 3, shiftLogDays: 5, clockOffsetSeconds: offset });
    const quiet = await startZkSimulator({ userCount: 3, shiftLogDays: 5, quietToday: true, clockOffsetSeconds: offset });
    const perDay = (records: readonly { time: string; state: number }[]) => {
      const days = new Map<string, string[]>();
      for (const { time, state } of records) days.set(time.slice(0, 10), [...(days.get(time.slice(0, 10)) ?? []), `${state}@${time.slice(11, 13)}`]);
      return days;
    };
    const workingDays = perDay(working.records);
    expect([...workingDays.keys()]).toEqual(['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    for (const [day, punches] of workingDays) {
      expect(punches.filter((entry) => /^0@0[89]$/.test(entry))).toHaveLength(3);
      expect(punches.filter((entry) => /^1@17$/.test(entry))).toHaveLength(day === '2026-03-02' ? 0 : 3);
    }
    expect([...perDay(quiet.records).keys()]).toEqual(['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
    await Promise.all([working.close(), quiet.close()]);
  });

  it('keeps one impossible Feb 31 record when asked to', async () => {
    const client = await connectedTcp({ recordCount: 20, includeInvalidDate: true });
    const invalid = session.simulator.records.filter((record) => record.time.slice(5, 10) === '02-31');
    expect(invalid).toHaveLength(1);
    const { dataset } = await client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0);
    const index = session.simulator.records.indexOf(invalid[0]!);
    expect(decodeZkTime(dataset.readUInt32LE(4 + index * 40 + 27))).toMatchObject({ month: 2, day: 31 });
  });

  it('answers a small users table directly with CMD_DATA, names in the chosen encoding', async () => {
    const client = await connectedTcp({ userCount: 5, nameEncoding: 'latin1' });
    const answer = await client.command(1503, Buffer.from([1, CMD_USERTEMP_RRQ, 0, FCT_USER, 0, 0, 0, 0, 0, 0, 0]));
    expect(answer.command).toBe(CMD_DATA);
    expect(answer.data.length).toBe(4 + 5 * 72);
    const names = session.simulator.users.map((_, index) => answer.data.toString('latin1', 4 + index * 72 + 11, 4 + index * 72 + 35).replace(/\0+$/, ''));
    expect(names).toEqual(session.simulator.users.map((user) => user.name));
    expect(names.some((name) => /[^\x20-\x7e]/.test(name))).toBe(true);
  });

  it('serves 28-byte users with the id as a u32', async () => {
    const client = await connectedTcp({ userCount: 3, userRecordSize: 28 });
    const { dataset } = await client.readBuffer(CMD_USERTEMP_RRQ, FCT_USER, 0xffc0);
    expect(dataset.length).toBe(4 + 3 * 28);
    expect(dataset.readUInt32LE(4 + 2 * 28 + 24)).toBe(3);
  });

  it('splits chunks into datagrams of at most 1024 data bytes over UDP', async () => {
    await session.start({ recordCount: 100 });
    const client = await RawUdpClient.open(session.simulator.port);
    session.track(client);
    await client.command(1000);
    const { dataset, firstChunk } = await client.readBuffer(CMD_ATTLOG_RRQ, 0, 16 * 1024);
    expect(dataset.length).toBe(4 + 100 * 40);
    expect(firstChunk.map((packet) => packet.command)).toEqual([CMD_PREPARE_DATA, CMD_DATA, CMD_DATA, CMD_DATA, CMD_DATA, CMD_ACK_OK]);
    expect(firstChunk.slice(1, 5).map((packet) => packet.data.length)).toEqual([1024, 1024, 1024, 932]);
    expect(new Set(firstChunk.map((packet) => packet.replyId)).size).toBe(1);
    expect(session.simulator.connections).toBe(1);
    await client.command(CMD_EXIT);
    expect(session.simulator.connections).toBe(0);
  });
});

describe('clearing, disabling and live punches', () => {
  it('really clears the attendance log, with CLEAR_ATTLOG and with CLEAR_DATA', async () => {
    const client = await connectedTcp({ recordCount: 40 });
    expect((await client.command(CMD_CLEAR_ATTLOG)).command).toBe(CMD_ACK_OK);
    expect((await client.command(CMD_GET_FREE_SIZES)).data.readInt32LE(32)).toBe(0);
    expect((await client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0)).dataset).toEqual(Buffer.alloc(4));
    session.simulator.punch({ userId: '3' });
    expect((await client.command(CMD_CLEAR_DATA, Buffer.from([1]))).command).toBe(CMD_ACK_OK);
    expect(session.simulator.records).toHaveLength(0);
    expect(session.simulator.users.length).toBe(10);
    expect(session.simulator.clearCount).toBe(2);
  });

  it('pushes a live punch as a 32-byte event to a registered client, which ACKs it', async () => {
    const client = await connectedTcp();
    expect((await client.command(CMD_REG_EVENT, u32(1))).command).toBe(CMD_ACK_OK);
    session.simulator.punch({ userId: '4', state: 1, verify: 15, time: '2026-03-01 08:09:10' });
    const event = await client.next();
    expect(event).toMatchObject({ command: CMD_REG_EVENT, sessionId: 1, replyId: 0 });
    expect(event.data.length).toBe(32);
    expect(event.data.toString('latin1', 0, 24).replace(/\0+$/, '')).toBe('4');
    expect([...event.data.subarray(24)]).toEqual([15, 1, 26, 3, 1, 8, 9, 10]);
    client.sendPacket(encodePacket(CMD_ACK_OK, client.sessionId, 0));
    expect(await until(() => session.simulator.eventsAcked === 1)).toBe(true);
    expect(session.simulator.records.at(-1)).toMatchObject({ userId: '4', time: '2026-03-01 08:09:10', state: 1, verify: 15 });
  });

  it('holds punches while disabled and delivers them when enabled', async () => {
    const client = await connectedTcp({ recordCount: 5 });
    await client.command(CMD_REG_EVENT, u32(1));
    await client.command(CMD_DISABLEDEVICE);
    expect(session.simulator.isDisabled).toBe(true);
    session.simulator.punch({ userId: '2' });
    expect(session.simulator.records).toHaveLength(5);
    expect(session.simulator.queuedPunches).toHaveLength(1);
    await expect(client.next(150)).rejects.toThrow(/no packet/);
    expect((await client.command(CMD_ENABLEDEVICE)).command).toBe(CMD_ACK_OK);
    expect((await client.next()).command).toBe(CMD_REG_EVENT);
    expect(session.simulator.records).toHaveLength(6);
    expect(session.simulator.isDisabled).toBe(false);
  });

  it('enables itself when the client that disabled it goes away', async () => {
    const client = await connectedTcp();
    await client.command(CMD_DISABLEDEVICE);
    session.simulator.punch({ userId: '1' });
    await client.close();
    expect(await until(() => !session.simulator.isDisabled)).toBe(true);
    expect(session.simulator.queuedPunches).toHaveLength(0);
  });

  it('refuses packets with a wrong checksum in strict mode', async () => {
    const client = await connectedTcp({ strictChecksums: true });
    const packet = encodePacket(CMD_GET_VERSION, client.sessionId, 9);
    packet.writeUInt16LE(packet.readUInt16LE(2) ^ 1, 2);
    client.sendPacket(packet);
    expect((await client.next()).command).toBe(CMD_ACK_ERROR);
    expect(session.simulator.rejectedChecksums).toBe(1);
  });
});
