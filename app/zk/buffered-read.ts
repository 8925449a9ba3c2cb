// The buffered bulk read (docs/zk-protocol.md §1.6): PREPARE_BUFFER, then either the whole dataset
// in one CMD_DATA (small datasets) or ACK_OK with the size and READ_BUFFER chunk by chunk, then
// FREE_DATA.
import { CMD_ACK_OK, CMD_DATA, CMD_FREE_DATA, CMD_PREPARE_BUFFER, CMD_PREPARE_DATA, CMD_READ_BUFFER } from './constants';
import { malformedData, ZkError, zkErrors } from './errors';
import type { ZkPacket } from './packet';
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

/**
 * Requests a TCP read sends ahead of the chunk it is reading. A terminal answers them in order,
 * one at a time (node-zklib even sends every chunk request at once, docs/zk-protocol.md §1.6), so
 * it never sits idle between chunks; and our next request carries the TCP ACK that an embedded
 * stack with Nagle on waits for before it sends a reply's last packet, instead of our delayed ACK
 * 40-200 ms later.
 */
const TCP_REQUESTS_AHEAD = 4;

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
  const requests = new ChunkRequests(session, dataset, total, chunkSize, request.what);
  const ahead = session.transportKind === 'tcp' ? TCP_REQUESTS_AHEAD : 0;
  let received = 0;
  try {
    for (let index = 0; index < requests.chunks.length; index++) {
      requests.sendThrough(index + ahead);
      await readChunkWithRetries(session, requests.chunks[index]!, requests.replyIds[index]!);
      received += requests.chunks[index]!.size;
      onProgress?.(received, total);
    }
  } catch (error) {
    if (error instanceof ZkError && error.code === 'connection-lost') throw zkErrors.connectionLostMidRead(received, total);
    throw error;
  }
  const freed = await session.receive(requests.sendFree(), 'the request to free its read buffer');
  if (freed.command !== CMD_ACK_OK) throw session.refusal(freed, 'the request to free its read buffer');
  return dataset;
}

interface ChunkRequest {
  dataset: Buffer;
  start: number;
  size: number;
  total: number;
  what: string;
}

/** The READ_BUFFER requests of one dataset, sent in order, then its FREE_DATA. */
class ChunkRequests {
  readonly chunks: ChunkRequest[] = [];
  readonly replyIds: number[] = [];
  private freeReplyId: number | null = null;

  constructor(
    private readonly session: ZkSession,
    dataset: Buffer,
    total: number,
    chunkSize: number,
    what: string,
  ) {
    for (let start = 0; start < total; start += chunkSize) this.chunks.push({ dataset, start, size: Math.min(chunkSize, total - start), total, what });
  }

  /** Sends every chunk request up to `index`; past the last chunk, FREE_DATA too. */
  sendThrough(index: number): void {
    while (this.replyIds.length <= index && this.replyIds.length < this.chunks.length) {
      this.replyIds.push(sendReadBuffer(this.session, this.chunks[this.replyIds.length]!));
    }
    if (index >= this.chunks.length) this.sendFree();
  }

  /** FREE_DATA, once; returns its reply id. */
  sendFree(): number {
    this.freeReplyId ??= this.session.send(CMD_FREE_DATA);
    return this.freeReplyId;
  }
}

function sendReadBuffer(session: ZkSession, chunk: ChunkRequest): number {
  const request = Buffer.alloc(8);
  request.writeInt32LE(chunk.start, 0);
  request.writeInt32LE(chunk.size, 4);
  return session.send(CMD_READ_BUFFER, request);
}

/** A UDP chunk that came with a datagram missing or repeated: ask for it again. */
class IncompleteChunk extends Error {}

async function readChunkWithRetries(session: ZkSession, chunk: ChunkRequest, firstReplyId: number): Promise<void> {
  let replyId = firstReplyId;
  for (let attempt = 1; ; attempt++) {
    try {
      return await readChunk(session, chunk, replyId);
    } catch (error) {
      if (!(error instanceof IncompleteChunk)) throw error;
      if (attempt >= CHUNK_TRIES) throw zkErrors.packetsLost(session.target, chunk.start, chunk.total, CHUNK_TRIES);
      replyId = sendReadBuffer(session, chunk);
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
async function readChunk(session: ZkSession, chunk: ChunkRequest, replyId: number): Promise<void> {
  const udp = session.transportKind === 'udp';
  const { dataset, start, size, what } = chunk;
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
  // A repeat is told by its bytes: two real datagrams in a row with the same 1 KiB of records
  // cannot happen, as every record carries its own time.
  let previous: Buffer | null = null;
  const isRepeat = (candidate: ZkPacket) => udp && (candidate.command === CMD_PREPARE_DATA || (previous !== null && candidate.data.equals(previous)));
  for (;;) {
    if (isRepeat(packet)) {
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
  let done = await next();
  while (isRepeat(done)) done = await next();
  if (done.command === CMD_ACK_OK) return;
  if (udp && done.command === CMD_DATA) throw new IncompleteChunk();
  throw session.refusal(done, what);
}
