// The buffered bulk read (reference §1.6): PREPARE_BUFFER, then either the whole dataset in one
// CMD_DATA (small datasets) or ACK_OK with the size and READ_BUFFER chunk by chunk, then FREE_DATA.
import { CMD_ACK_OK, CMD_DATA, CMD_FREE_DATA, CMD_PREPARE_BUFFER, CMD_PREPARE_DATA, CMD_READ_BUFFER } from './constants';
import { malformedData, ZkError, zkErrors } from './errors';
import type { ZkSession } from './session';

export type ProgressCallback = (bytesRead: number, bytesTotal: number) => void;

export interface BufferedReadRequest {
  /** CMD_ATTLOG_RRQ, CMD_USERTEMP_RRQ... */
  command: number;
  /** Table type (FCT_USER for users, 0 for attendance as devices and pyzk use). */
  fct: number;
  what: string;
}

function prepareBufferData(request: BufferedReadRequest): Buffer {
  const data = Buffer.alloc(11);
  data.writeUInt8(1, 0);
  data.writeUInt16LE(request.command, 1);
  data.writeUInt32LE(request.fct, 3);
  return data;
}

/** Reads a whole dataset. `chunkSize` is 0xFFC0 on TCP and 16 KiB on UDP. */
export async function readBuffered(session: ZkSession, request: BufferedReadRequest, chunkSize: number, onProgress?: ProgressCallback): Promise<Buffer> {
  const reply = await session.request(CMD_PREPARE_BUFFER, request.what, prepareBufferData(request));
  if (reply.command === CMD_DATA) {
    onProgress?.(reply.data.length, reply.data.length);
    return reply.data;
  }
  if (reply.command !== CMD_ACK_OK) throw session.refusal(reply, request.what);
  if (reply.data.length < 5) throw malformedData(`a buffered-read answer of ${reply.data.length} bytes, without the dataset size`);
  const total = reply.data.readUInt32LE(1);
  const dataset = Buffer.allocUnsafe(total);
  const progress = { received: 0 };
  try {
    while (progress.received < total) {
      await readChunk(session, dataset, progress, Math.min(chunkSize, total - progress.received), request.what);
      onProgress?.(progress.received, total);
    }
  } catch (error) {
    if (error instanceof ZkError && error.code === 'connection-lost') throw zkErrors.connectionLostMidRead(progress.received, total);
    throw error;
  }
  await session.expectOk(CMD_FREE_DATA, 'the request to free its read buffer');
  return dataset;
}

/**
 * One READ_BUFFER: the device answers PREPARE_DATA, one or more CMD_DATA (TCP firmwares may split
 * into 1008-byte packets, UDP into 1024-byte datagrams) and ACK_OK, all with the request's reply
 * id. Some firmwares skip PREPARE_DATA and the ACK, as pyzk allows.
 */
async function readChunk(session: ZkSession, dataset: Buffer, progress: { received: number }, size: number, what: string): Promise<void> {
  const start = progress.received;
  const request = Buffer.alloc(8);
  request.writeInt32LE(start, 0);
  request.writeInt32LE(size, 4);
  const replyId = session.send(CMD_READ_BUFFER, request);
  let packet = await session.receive(replyId, what);
  const announced = packet.command === CMD_PREPARE_DATA;
  if (announced) packet = await session.receive(replyId, what);
  const end = start + size;
  for (;;) {
    if (packet.command !== CMD_DATA) throw session.refusal(packet, what);
    const piece = packet.data.subarray(0, end - progress.received);
    dataset.set(piece, progress.received);
    progress.received += piece.length;
    if (progress.received >= end) break;
    packet = await session.receive(replyId, what);
  }
  if (!announced) return;
  const done = await session.receive(replyId, what);
  if (done.command !== CMD_ACK_OK) throw session.refusal(done, what);
}
