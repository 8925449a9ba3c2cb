// Random and truncated bytes must end in a typed error, never in a crash (RangeError from a read
// past the end) or a hang.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decodeAttendanceLog } from './attendance-records';
import { connectZk } from './client';
import { ZkError } from './errors';
import { decodeFreeSizes } from './free-sizes';
import { decodeLiveEvent } from './live-event';
import { decodePacket, encodePacket, TcpPacketReader, wrapTcp, ZkFramingError } from './packet';
import { attendanceRecordBytes, dataset, userRecordBytes } from './test-support/record-bytes';
import { decodeUserList } from './user-records';

/** A small deterministic generator, so that a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state;
  };
  return {
    int: (limit: number) => next() % limit,
    bytes: (length: number) => Buffer.from(Array.from({ length }, () => next() & 0xff)),
  };
}

function expectTypedOutcome(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error instanceof ZkError || error instanceof ZkFramingError, String(error)).toBe(true);
  }
}

const validInputs = {
  attendance: dataset([40, 40, 40].map((_, i) => attendanceRecordBytes(40, { userId: String(i), time: '2026-01-01 00:00:00' }))),
  users: dataset([userRecordBytes(72, { uid: 1, userId: '1', name: 'A' }), userRecordBytes(72, { uid: 2, userId: '2', name: 'B' })]),
  live: Buffer.concat([Buffer.from('1234567890'), Buffer.alloc(14), Buffer.from('0100120619112905', 'hex')]),
  tcp: Buffer.concat([wrapTcp(encodePacket(2000, 1, 1, Buffer.from('data'))), wrapTcp(encodePacket(1501, 1, 1, Buffer.alloc(100, 7)))]),
};

describe('fuzzing the decoders', () => {
  const random = randomSource(20261125);

  it('random bytes and random counts', () => {
    for (let round = 0; round < 3000; round++) {
      const bytes = random.bytes(random.int(400));
      const count = random.int(50) - 5;
      expectTypedOutcome(() => decodeAttendanceLog(bytes, count));
      expectTypedOutcome(() => decodeUserList(bytes, count));
      expectTypedOutcome(() => decodeFreeSizes(bytes));
      expectTypedOutcome(() => decodeLiveEvent(bytes));
      expectTypedOutcome(() => decodePacket(bytes));
      expectTypedOutcome(() => new TcpPacketReader().push(bytes));
    }
  });

  it('every truncation of valid inputs', () => {
    for (const [name, bytes] of Object.entries(validInputs)) {
      for (let length = 0; length <= bytes.length; length++) {
        const cut = bytes.subarray(0, length);
        if (name === 'attendance') expectTypedOutcome(() => decodeAttendanceLog(cut, 3));
        if (name === 'users') expectTypedOutcome(() => decodeUserList(cut, 2));
        if (name === 'live') expectTypedOutcome(() => decodeLiveEvent(cut));
        if (name === 'tcp') expectTypedOutcome(() => new TcpPacketReader().push(cut));
      }
    }
  });

  it('valid inputs with random bytes flipped', () => {
    for (let round = 0; round < 2000; round++) {
      for (const bytes of Object.values(validInputs)) {
        const damaged = Buffer.from(bytes);
        for (let flips = random.int(4) + 1; flips > 0; flips--) damaged[random.int(damaged.length)] = random.int(256);
        expectTypedOutcome(() => decodeAttendanceLog(damaged, 3));
        expectTypedOutcome(() => decodeUserList(damaged, 2));
        expectTypedOutcome(() => decodeLiveEvent(damaged));
        expectTypedOutcome(() => new TcpPacketReader().push(damaged));
      }
    }
  });
});

describe('fuzzing the client', () => {
  it('answers of random or truncated bytes end in a ZkError within the timeout', async () => {
    const random = randomSource(4370);
    const goodReply = wrapTcp(encodePacket(2000, 0x1234, 0));
    const answers = [
      ...Array.from({ length: 12 }, () => random.bytes(random.int(64) + 1)),
      ...Array.from({ length: goodReply.length - 1 }, (_, length) => goodReply.subarray(0, length + 1)),
      Buffer.concat([goodReply.subarray(0, 8), random.bytes(3)]),
    ];
    let next = 0;
    const server = createServer((socket) => {
      const answer = answers[next++]!;
      socket.on('error', () => undefined);
      // Some peers hang up after their garbage, others stay silent.
      socket.once('data', () => (next % 2 ? socket.end(answer) : socket.write(answer)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    for (let i = 0; i < answers.length; i++) {
      const outcome = await connectZk({ host: '127.0.0.1', port, transport: 'tcp', timeoutMs: 150 }).then(
        (device) => device.disconnect().then(() => 'connected'),
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(ZkError);
    }
    server.close();
  });
});
