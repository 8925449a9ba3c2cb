import { describe, expect, it } from 'vitest';
import { decodeAttendanceLog } from './attendance-records';
import { ZkTimeFormatter } from './decode-caches';
import { ZkError } from './errors';
import { decodeFreeSizes } from './free-sizes';
import { decodeLiveEvent } from './live-event';
import { attendanceRecordBytes, dataset, userRecordBytes } from './test-support/record-bytes';
import { decodeUserList } from './user-records';
import { decodeZkTime, formatWallClock, isRealCalendarTime } from './wall-clock';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('attendance records', () => {
  it('decodes the 40-byte record captured from an F19 (docs/zk-protocol.md §1.10)', () => {
    const record = Buffer.alloc(40);
    record.writeUInt16LE(0x0d, 0);
    record.write('999111333', 2, 'latin1');
    record[26] = 0x01;
    hex('6bb36823').copy(record, 27);
    record[31] = 0x00;
    const { records, invalid, recordSize } = decodeAttendanceLog(dataset([record]), 1);
    expect(recordSize).toBe(40);
    expect(invalid).toEqual([]);
    expect(records).toEqual([{ userId: '999111333', uid: 13, time: '2018-06-25 17:50:35', state: 0, verify: 1, workCode: 0 }]);
  });

  it.each([8, 16, 40, 49] as const)('picks the %i-byte layout from total size / record count', (size) => {
    const punches = [
      { userId: '7', uid: 7, time: '2026-11-02 08:59:01', state: 0, verify: 1 },
      { userId: '42', uid: 42, time: '2026-11-02 17:30:59', state: 1, verify: 15 },
    ];
    const log = decodeAttendanceLog(dataset(punches.map((punch) => attendanceRecordBytes(size, punch))), 2);
    expect(log.recordSize).toBe(size);
    expect(log.records.map(({ userId, time, state, verify }) => ({ userId, time, state, verify }))).toEqual(
      punches.map(({ userId, time, state, verify }) => ({ userId, time, state, verify })),
    );
  });

  it('still finds the record size when the record count is a little stale', () => {
    const punches = Array.from({ length: 100 }, (_, i) => attendanceRecordBytes(40, { userId: String(i + 1), time: '2026-01-05 09:00:00' }));
    expect(decodeAttendanceLog(dataset(punches), 101).records).toHaveLength(100);
    expect(decodeAttendanceLog(dataset(punches), 99).records).toHaveLength(100);
  });

  it('keeps user ids of 24 characters whole', () => {
    const longId = '123456789012345678901234';
    const log = decodeAttendanceLog(dataset([attendanceRecordBytes(40, { userId: longId, time: '2026-01-05 09:00:00' })]), 1);
    expect(log.records[0]!.userId).toBe(longId);
  });

  it('reads the 16-byte format by the manual: byte 8 is the IN/OUT state, byte 9 the verify method', () => {
    const record = attendanceRecordBytes(16, { userId: '4294967295', time: '2026-03-01 07:00:00', state: 1, verify: 2, workCode: 31 });
    expect(decodeAttendanceLog(dataset([record]), 1).records[0]).toEqual({
      userId: '4294967295',
      uid: null,
      time: '2026-03-01 07:00:00',
      state: 1,
      verify: 2,
      workCode: 31,
    });
  });

  it('maps 8-byte records to PINs through the user list when given', () => {
    const record = attendanceRecordBytes(8, { userId: '', uid: 3, time: '2026-03-01 07:00:00' });
    expect(decodeAttendanceLog(dataset([record]), 1).records[0]!.userId).toBe('3');
    expect(decodeAttendanceLog(dataset([record]), 1, new Map([[3, '10023']])).records[0]!.userId).toBe('10023');
  });

  it('reports a Feb 31 as an invalid record with the reason, not as March 3', () => {
    const log = decodeAttendanceLog(
      dataset([
        attendanceRecordBytes(40, { userId: '5', time: '2026-02-28 08:00:00' }),
        attendanceRecordBytes(40, { userId: '5', time: '2026-02-31 08:00:00' }),
      ]),
      2,
    );
    expect(log.records.map((record) => record.time)).toEqual(['2026-02-28 08:00:00']);
    expect(log.invalid).toEqual([{ index: 1, userId: '5', time: '2026-02-31 08:00:00', reason: expect.stringContaining('2026-02-31 08:00:00') }]);
  });

  it('skips the MB560-VL prefix before the records', () => {
    const records = [attendanceRecordBytes(49, { userId: '77', time: '2026-05-05 05:05:05' })];
    const withPrefix = dataset([hex('ff3235350000000000'), ...records]);
    expect(decodeAttendanceLog(withPrefix, 1).records.map((record) => record.userId)).toEqual(['77']);
  });

  it('returns nothing when the device reports no records', () => {
    expect(decodeAttendanceLog(Buffer.alloc(0), 0)).toMatchObject({ records: [], invalid: [], recordSize: 0 });
  });

  const punchesAt = (size: 8 | 16 | 40 | 49, count: number) =>
    Array.from({ length: count }, (_, i) => attendanceRecordBytes(size, { userId: String(101 + i), uid: 101 + i, time: `2026-03-${String(1 + (i % 28)).padStart(2, '0')} 08:${String(i % 60).padStart(2, '0')}:00` }));

  it.each([8, 16, 40, 49] as const)('reads every %i-byte record of a log whose device reports half its count, and hands the count back', (size) => {
    const log = decodeAttendanceLog(dataset(punchesAt(size, 100)), 50);
    expect(log.recordSize).toBe(size);
    expect(log.records.map((record) => record.uid ?? Number(record.userId))).toEqual(Array.from({ length: 100 }, (_, i) => 101 + i));
    expect(log.reportedCount).toBe(50);
    expect(log.strayBytes).toBe(0);
  });

  it.each([1, 2, 4, 5])('decodes a three-record log reported as %i records into those three punches, no garbage', (reported) => {
    const log = decodeAttendanceLog(dataset(punchesAt(40, 3)), reported);
    expect(log.records.map((record) => [record.userId, record.time])).toEqual([
      ['101', '2026-03-01 08:00:00'],
      ['102', '2026-03-02 08:01:00'],
      ['103', '2026-03-03 08:02:00'],
    ]);
    expect(log.invalid).toEqual([]);
  });

  it('keeps the whole records of a log that ends in stray bytes, and says how many bytes were left', () => {
    const log = decodeAttendanceLog(dataset([...punchesAt(40, 3), Buffer.from([1, 2, 3, 4, 5])]), 3);
    expect(log.records).toHaveLength(3);
    expect(log.strayBytes).toBe(5);
  });

  it('reports a buffer that reads as two layouts instead of guessing, unless the count names one of them', () => {
    // 16-byte records dated early in 2000 also read as plausible 8-byte records, twice as many.
    const records = Array.from({ length: 4 }, (_, i) => attendanceRecordBytes(16, { userId: String(7 + i), time: '2000-01-05 09:00:00', verify: 1 }));
    expect(decodeAttendanceLog(dataset(records), 4).recordSize).toBe(16);
    expect(decodeAttendanceLog(dataset(records), 8).recordSize).toBe(8);
    expect(() => decodeAttendanceLog(dataset(records), 5)).toThrow(/reads equally well as/);
    expect(() => decodeAttendanceLog(dataset(records), 5)).toThrow(ZkError);
  });

  it('never turns a PIN field of spaces into a punch with an empty user id', () => {
    const blank = attendanceRecordBytes(40, { userId: '   ', time: '2026-03-01 08:00:00' });
    const log = decodeAttendanceLog(dataset([blank]), 1);
    expect(log.records).toEqual([]);
    expect(log.invalid.map((record) => record.reason)).toEqual(['The record has no user id.']);
  });

  it('refuses bytes that decode as no known layout with a typed error', () => {
    const noise = Buffer.alloc(400, 0xee);
    expect(() => decodeAttendanceLog(dataset([noise]), 10)).toThrow(ZkError);
  });

  it('refuses a record size no firmware uses with a typed error', () => {
    expect(() => decodeAttendanceLog(dataset([Buffer.alloc(24)]), 2)).toThrow(ZkError);
  });

  it('decodes 100,000 40-byte records well under a second', () => {
    const body = Buffer.alloc(100_000 * 40);
    for (let i = 0; i < 100_000; i++) {
      const time = `2026-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10} 0${i % 10}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
      attendanceRecordBytes(40, { uid: i % 500, userId: String(1_000_000_000_000 + (i % 500)), time }).copy(body, i * 40);
    }
    // CPU time, not wall time: the machines that run these tests are shared and often loaded.
    const started = process.cpuUsage();
    const log = decodeAttendanceLog(dataset([body]), 100_000);
    const used = process.cpuUsage(started);
    expect(log.records).toHaveLength(100_000);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});

describe('users', () => {
  it('decodes 72-byte users with a long PIN, card and privilege', () => {
    const bytes = userRecordBytes(72, { uid: 1, userId: '1234567890123', name: 'Ana María', privilege: 14, password: '123', cardNumber: 9876543, group: 2 });
    expect(decodeUserList(dataset([bytes]), 1)).toEqual([
      { uid: 1, userId: '1234567890123', name: 'Ana María', privilege: 14, password: '123', cardNumber: 9876543, groupId: '2' },
    ]);
  });

  it('leaves out user slots without a usable PIN: blank, or damaged control bytes', () => {
    const users = decodeUserList(dataset([userRecordBytes(72, { uid: 1, userId: '7', name: 'Asha' }), userRecordBytes(72, { uid: 2, userId: '', name: 'blank' }), userRecordBytes(72, { uid: 3, userId: '\u0001\u0007', name: 'noise' })]), 3);
    expect(users.map((user) => user.userId)).toEqual(['7']);
  });

  it('decodes 28-byte users, whose PIN is a number', () => {
    const bytes = userRecordBytes(28, { uid: 4, userId: '4822257', name: 'Bob', password: '99', cardNumber: 5 });
    expect(decodeUserList(dataset([bytes]), 1)).toEqual([{ uid: 4, userId: '4822257', name: 'Bob', privilege: 0, password: '99', cardNumber: 5, groupId: '1' }]);
  });

  it('decodes names in the configured encoding', () => {
    const chinese = userRecordBytes(72, { uid: 1, userId: '1', name: hex('d5c5c8fd') });
    const arabic = userRecordBytes(72, { uid: 2, userId: '2', name: hex('dae1ed') });
    expect(decodeUserList(dataset([chinese]), 1, 'gbk')[0]!.name).toBe('张三');
    expect(decodeUserList(dataset([arabic]), 1, 'windows-1256')[0]!.name).toBe('علي');
  });

  it('finds the record size from the total when the count is off by one', () => {
    const users = [1, 2, 3].map((uid) => userRecordBytes(72, { uid, userId: String(uid), name: `U${uid}` }));
    expect(decodeUserList(dataset(users), 4).map((user) => user.userId)).toEqual(['1', '2', '3']);
  });
});

describe('GET_FREE_SIZES', () => {
  it('reads counts and capacities at pyzk offsets (docs/zk-protocol.md §1.8)', () => {
    const data = Buffer.alloc(92);
    [
      [4, 7],
      [6, 6],
      [8, 605],
      [14, 3000],
      [15, 10000],
      [16, 100000],
      [20, 3],
      [22, 500],
    ].forEach(([index, value]) => data.writeInt32LE(value!, index! * 4));
    expect(decodeFreeSizes(data)).toEqual({ users: 7, fingers: 6, records: 605, fingerCapacity: 3000, userCapacity: 10000, recordCapacity: 100000, faces: 3, faceCapacity: 500 });
    expect(decodeFreeSizes(data.subarray(0, 80)).faces).toBeNull();
    expect(() => decodeFreeSizes(data.subarray(0, 79))).toThrow(ZkError);
  });
});

describe('live events', () => {
  it('decodes the 12-byte event of pyzk test_tcp_live_connect (docs/zk-protocol.md §1.9)', () => {
    const packet = hex('f401ae4301000000 f1944900 00 00 120c07130906');
    expect(decodeLiveEvent(packet.subarray(8))).toEqual({ ok: true, record: { userId: '4822257', uid: null, time: '2018-12-07 19:09:06', state: 0, verify: 0, workCode: 0 }, byUserNumber: false });
  });

  it('decodes the 32-byte event of an F19 capture', () => {
    const data = Buffer.alloc(32);
    data.write('999111333', 0, 'latin1');
    hex('0100 120619112905').copy(data, 24);
    expect(decodeLiveEvent(data)).toEqual({ ok: true, record: { userId: '999111333', uid: null, time: '2018-06-25 17:41:05', state: 0, verify: 1, workCode: 0 }, byUserNumber: false });
  });

  it('decodes the 36-byte form and the 10-byte form', () => {
    const long = Buffer.alloc(36);
    long.write('1234567890123', 0, 'latin1');
    hex('0f01 1a0b02080000').copy(long, 24);
    expect(decodeLiveEvent(long)).toMatchObject({ ok: true, record: { userId: '1234567890123', state: 1, verify: 15, time: '2026-11-02 08:00:00' } });
    expect(decodeLiveEvent(hex('0700 01 04 1a0b02080000'))).toMatchObject({ ok: true, record: { uid: 7, state: 4, verify: 1 }, byUserNumber: true });
  });

  it('reports an impossible event time instead of rolling it over', () => {
    expect(decodeLiveEvent(hex('0700 01 00 1a021f080000'))).toMatchObject({ ok: false, time: '2026-02-31 08:00:00' });
  });
});

describe('time formatting cache', () => {
  it('gives the same text as the plain decoder for any device time', () => {
    const formatter = new ZkTimeFormatter();
    for (let i = 0; i < 20_000; i++) {
      const encoded = Math.floor(Math.random() * 0xffffffff);
      expect(formatter.format(encoded)).toBe(formatWallClock(decodeZkTime(encoded)));
      expect(formatter.isReal(encoded)).toBe(isRealCalendarTime(decodeZkTime(encoded)));
    }
  });
});
