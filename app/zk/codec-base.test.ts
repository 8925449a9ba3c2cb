import { describe, expect, it } from 'vitest';
import { zkChecksum } from './checksum';
import { makeCommKey } from './comm-key';
import { CMD_AUTH, CMD_CONNECT } from './constants';
import { decodePacket, encodePacket, hasValidChecksum, TcpPacketReader, wrapTcp, ZkFramingError } from './packet';
import { decodeZkTime, encodeZkTime, formatWallClock, isRealCalendarTime } from './wall-clock';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('ZK checksum', () => {
  it('matches the vectors captured from a real SDK (docs/zk-protocol.md §1.2)', () => {
    const withZeroedChecksum = (packet: Buffer) => {
      const copy = Buffer.from(packet);
      copy.writeUInt16LE(0, 2);
      return copy;
    };
    expect(zkChecksum(withZeroedChecksum(Buffer.concat([hex('0b005a17f38d0300'), Buffer.from('ZKFaceVersion\0')])))).toBe(0x175a);
    expect(zkChecksum(withZeroedChecksum(hex('d007296af38d0a0009')))).toBe(0x6a29);
  });
});

describe('comm key', () => {
  it('gives the bytes of pyzk test vectors (docs/zk-protocol.md §1.5)', () => {
    expect(makeCommKey(12, 0x45cf).toString('hex')).toBe('614d323c');
    expect(makeCommKey(45, 0x45cf).toString('hex')).toBe('61c9323c');
  });

  it('builds the exact AUTH packet of the golden transcript', () => {
    const packet = wrapTcp(encodePacket(CMD_AUTH, 0x45cf, 1, makeCommKey(12, 0x45cf)));
    expect(packet.toString('hex')).toBe('5050827d0c0000004e044e2ccf450100614d323c');
  });
});

describe('TCP framing', () => {
  const first = wrapTcp(encodePacket(CMD_CONNECT, 0, 0));
  const second = wrapTcp(encodePacket(2000, 0x1234, 0, Buffer.from('hello')));

  it('reassembles a packet split across reads, byte by byte', () => {
    const reader = new TcpPacketReader();
    const packets = [...first].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(packets).toHaveLength(1);
    expect(decodePacket(packets[0]!).command).toBe(CMD_CONNECT);
    expect(hasValidChecksum(packets[0]!)).toBe(true);
  });

  it('separates packets that arrived in one read', () => {
    const packets = new TcpPacketReader().push(Buffer.concat([first, second, second.subarray(0, 5)]));
    expect(packets.map((p) => decodePacket(p).command)).toEqual([CMD_CONNECT, 2000]);
    expect(decodePacket(packets[1]!).data.toString()).toBe('hello');
  });

  it('refuses bytes from something that is not a ZK device', () => {
    expect(() => new TcpPacketReader().push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(ZkFramingError);
  });
});

describe('device time', () => {
  it('encodes and decodes the examples of docs/zk-protocol.md §1.7', () => {
    expect(encodeZkTime({ year: 2024, month: 3, day: 1, hour: 8, minute: 0, second: 0 })).toBe(776764800);
    expect(formatWallClock(decodeZkTime(0x2368b36b))).toBe('2018-06-25 17:50:35');
  });

  it('reports a Feb 31 as a date the calendar lacks instead of rolling it over', () => {
    const parts = decodeZkTime(encodeZkTime({ year: 2026, month: 2, day: 31, hour: 9, minute: 0, second: 0 }));
    expect(formatWallClock(parts)).toBe('2026-02-31 09:00:00');
    expect(isRealCalendarTime(parts)).toBe(false);
    expect(isRealCalendarTime({ ...parts, month: 3 })).toBe(true);
  });
});
