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

/** Tries per chunk on UDP before the read fails, as pyzk's __read_chunk allows. */
const CHUNK_TRIES = 3;

/** Reads a whole dataset. `chunkSize` is 0xFFC0 on TCP and 16 KiB on UDP. */
export async function readBuffered(session: ZkSession, request: BufferedReadRequest, chunkSize: number, onProgress?: ProgressCallback): Promise<Buffer> {
  // A terminal builds the whole dataset before it answers: with a full log on a slow CPU, seconds.
  const reply = await session.request(CMD_PREPARE_BUFFER, request.what, prepareBufferData(request), 'slow');
  if (reply.command === CMD_DATA) {
    onProgress?.(reply.data.length, reply.data.length);
    return reply.data;
  }
  if (reply.command !== CMD_ACK_OK) throw session.refusal(reply, request.what);
  if (reply.data.length < 5) throw malformedData(`a buffered-read answer of ${reply.data.length} bytes, without the dataset size`);
  const total = reply.data.readUInt32LE(1);
  const dataset = Buffer.allocUnsafe(total);
  let received = 0;
  try {
    while (received < total) {
      const size = Math.min(chunkSize, total - received);
      await readChunkWithRetries(session, { dataset, start: received, size, total, what: request.what });
      received += size;
      onProgress?.(received, total);
    }
  } catch (error) {
    if (error instanceof ZkError && error.code === 'connection-lost') throw zkErrors.connectionLostMidRead(received, total);
    throw error;
  }
  await session.expectOk(CMD_FREE_DATA, 'the request to free its read buffer');
  return dataset;
}

interface ChunkRequest {
  dataset: Buffer;
  start: number;
  size: number;
  total: number;
  what: string;
}

/** A UDP chunk that came with a datagram missing or repeated: ask for it again. */
class IncompleteChunk extends Error {}

async function readChunkWithRetries(session: ZkSession, chunk: ChunkRequest): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readChunk(session, chunk);
    } catch (error) {
      if (!(error instanceof IncompleteChunk)) throw error;
      if (attempt >= CHUNK_TRIES) throw zkErrors.packetsLost(session.target, chunk.start, chunk.total, CHUNK_TRIES);
    }
  }
}

/**
 * One READ_BUFFER: the device answers PREPARE_DATA, one or more CMD_DATA (TCP firmwares may split
 * into 1008-byte packets, UDP into 1024-byte datagrams) and ACK_OK, all with the request's reply
 * id. Some firmwares skip PREPARE_DATA and the ACK, as pyzk allows. The first answer may take the
 * device a while (it reads its flash); the rest follow at link speed. UDP datagrams carry no
 * offset, so a lost one shows as the ACK_OK before the chunk is full or as silence, and a repeated
 * one as the same packet twice or as DATA after the chunk is full.
 */
async function readChunk(session: ZkSession, chunk: ChunkRequest): Promise<void> {
  const udp = session.transportKind === 'udp';
  const { dataset, start, size, what } = chunk;
  const request = Buffer.alloc(8);
  request.writeInt32LE(start, 0);
  request.writeInt32LE(size, 4);
  const replyId = session.send(CMD_READ_BUFFER, request);
  const next = async () => {
    try {
      return await session.receive(replyId, what);
    } catch (error) {
      if (udp && error instanceof ZkError && error.code === 'timeout') throw new IncompleteChunk();
      throw error;
    }
  };
  let packet = await session.receive(replyId, what, 'slow');
  const announced = packet.command === CMD_PREPARE_DATA;
  if (announced) packet = await next();
  const end = start + size;
  let received = start;
  let previous: Buffer | null = null;
  for (;;) {
    if (udp && (packet.command === CMD_PREPARE_DATA || (previous !== null && packet.data.equals(previous)))) {
      packet = await next();
      continue;
    }
    if (packet.command !== CMD_DATA) {
      if (udp && packet.command === CMD_ACK_OK) throw new IncompleteChunk();
      throw session.refusal(packet, what);
    }
    const piece = packet.data.subarray(0, end - received);
    dataset.set(piece, received);
    received += piece.length;
    previous = packet.data;
    if (received >= end) break;
    packet = await next();
  }
  if (!announced) return;
  const done = await next();
  if (done.command === CMD_ACK_OK) return;
  if (udp && done.command === CMD_DATA) throw new IncompleteChunk();
  throw session.refusal(done, what);
}
