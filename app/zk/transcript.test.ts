// The client against the byte transcripts pyzk captured
// from real devices (docs/zk-protocol.md §1.12).
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectZk } from './client';
import * as C from './constants';
import { decodePacket, encodePacket, TcpPacketReader, wrapTcp, type ZkPacket } from './packet';
import { userRecordBytes } from './test-support/record-bytes';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** A peer that records each request's exact bytes and answers with whatever `answer` returns. */
async function scriptedPeer(answer: (request: ZkPacket) => Buffer[]): Promise<{ port: number; requests: Buffer[]; server: Server }> {
  const requests: Buffer[] = [];
  const server = createServer((socket) => {
    const reader = new TcpPacketReader();
    socket.on('error', () => undefined);
    socket.on('data', (bytes: Buffer) => {
      for (const packet of reader.push(bytes)) {
        requests.push(wrapTcp(packet));
        for (const reply of answer(decodePacket(packet))) socket.write(reply);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const reply = (command: number, sessionId: number, request: ZkPacket, data?: Buffer) => wrapTcp(encodePacket(command, sessionId, request.replyId, data));
const hexOf = (bytes: Buffer | undefined) => bytes?.toString('hex');

describe('golden transcripts', () => {
  it('sends CONNECT and EXIT byte for byte as pyzk captured them, and takes the session from the reply', async () => {
    const peer = await scriptedPeer((request) => (request.command === C.CMD_CONNECT ? [hex('5050827d08000000 d007 fffc 2ffb 0000')] : [reply(C.CMD_ACK_OK, 0xfb2f, request)]));
    const device = await connectZk({ host: '127.0.0.1', port: peer.port, transport: 'tcp' });
    expect(device.sessionId).toBe(0xfb2f);
    await device.disconnect();
    expect(peer.requests.map(hexOf)).toEqual([hexOf(hex('5050827d08000000 e803 17fc 0000 0000')), hexOf(hex('5050827d08000000 e903 e600 2ffb 0100'))]);
  });

  it('logs in with comm key 12 and asks for the sizes exactly as in the capture', async () => {
    const peer = await scriptedPeer((request) => {
      if (request.command === C.CMD_CONNECT) return [reply(C.CMD_ACK_UNAUTH, 0x45cf, request)];
      if (request.command === C.CMD_GET_FREE_SIZES) {
        const sizes = Buffer.alloc(92);
        sizes.writeInt32LE(7, 16);
        sizes.writeInt32LE(605, 32);
        sizes.writeInt32LE(10000, 60);
        sizes.writeInt32LE(100000, 64);
        return [reply(C.CMD_ACK_OK, 0x45cf, request, sizes)];
      }
      return [reply(C.CMD_ACK_OK, 0x45cf, request)];
    });
    const device = await connectZk({ host: '127.0.0.1', port: peer.port, commKey: 12 });
    expect(await device.getSizes()).toMatchObject({ users: 7, records: 605, userCapacity: 10000, recordCapacity: 100000 });
    await device.disconnect();
    expect(peer.requests.slice(1, 3).map(hexOf)).toEqual([
      hexOf(hex('5050827d0c000000 4e04 4e2c cf45 0100 614d323c')),
      hexOf(hex('5050827d08000000 3200 fcb9 cf45 0200')),
    ]);
  });

  it('reads a 5044-byte user list through the captured buffered-read exchange, DATA in 1008-byte packets', async () => {
    const users = Array.from({ length: 70 }, (_, i) => userRecordBytes(72, { uid: i + 1, userId: String(i + 1), name: `User ${i + 1}` }));
    const datasetBytes = Buffer.concat([hex('b0130000'), ...users]);
    expect(datasetBytes.length).toBe(5044);
    const peer = await scriptedPeer((request) => {
      const answer = (command: number, data?: Buffer) => reply(command, 0x45cf, request, data);
      switch (request.command) {
        case C.CMD_CONNECT:
          return [answer(C.CMD_ACK_UNAUTH)];
        case C.CMD_GET_FREE_SIZES: {
          const sizes = Buffer.alloc(92);
          sizes.writeInt32LE(70, 16);
          return [answer(C.CMD_ACK_OK, sizes)];
        }
        case C.CMD_PREPARE_BUFFER:
          return [answer(C.CMD_ACK_OK, hex('00 b4130000 b4130000 cdef2300'))];
        case C.CMD_READ_BUFFER: {
          const pieces = [0, 1008, 2016, 3024, 4032].map((start) => answer(C.CMD_DATA, datasetBytes.subarray(start, start + 1008 + (start === 4032 ? 4 : 0))));
          return [answer(C.CMD_PREPARE_DATA, hex('b4130000 f0030000')), ...pieces, answer(C.CMD_ACK_OK)];
        }
        default:
          return [answer(C.CMD_ACK_OK)];
      }
    });
    const device = await connectZk({ host: '127.0.0.1', port: peer.port, commKey: 12 });
    // Seventeen queries bring the reply id to 0x14 for PREPARE_BUFFER, as in the capture.
    for (let i = 0; i < 17; i++) await device.getFirmwareVersion();
    const progress: number[][] = [];
    const read = await device.readUsers((bytesRead, bytesTotal) => progress.push([bytesRead, bytesTotal]));
    await device.disconnect();
    expect(read).toHaveLength(70);
    expect(read[69]).toMatchObject({ uid: 70, userId: '70', name: 'User 70' });
    expect(progress).toEqual([[5044, 5044]]);
    expect(hexOf(peer.requests[20])).toBe(hexOf(hex('5050827d13000000 df05 3ca6 cf45 1400 01 0900 05000000 00000000')));
    const chunkRequest = decodePacket(peer.requests[21]!.subarray(8));
    expect([chunkRequest.command, chunkRequest.data.readInt32LE(0), chunkRequest.data.readInt32LE(4)]).toEqual([C.CMD_READ_BUFFER, 0, 5044]);
    expect(decodePacket(peer.requests[22]!.subarray(8)).command).toBe(C.CMD_FREE_DATA);
  });
});
