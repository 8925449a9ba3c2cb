// What a support trace must not carry: the comm key (CMD_AUTH's data) and the people on the
// device (the name and password fields of the user list, docs/zk-protocol.md §1.11). User lists
// arrive in pieces of a buffered read, so the pass follows the conversation to know where each byte
// falls.
import { zkChecksum } from './checksum';
import { CMD_ACK_OK, CMD_AUTH, CMD_DATA, CMD_GET_FREE_SIZES, CMD_PREPARE_BUFFER, CMD_READ_BUFFER, CMD_USERTEMP_RRQ, ZK_HEADER_SIZE } from './constants';
import { decodePacket } from './packet';
import type { TraceSide } from './trace';

export const MASKED_IN_TRACES = ['comm key', 'user names', 'user passwords'] as const;

/** Bytes that replace a masked name or password byte; NULs stay, so field lengths still decode. */
const MASK_BYTE = 'x'.charCodeAt(0);

/** [offset, length] of the name and password fields in each user record layout. */
const MASKED_USER_FIELDS: Record<28 | 72, [number, number][]> = {
  28: [[3, 5], [8, 8]],
  72: [[3, 8], [11, 24]],
};

type Pending = { kind: 'sizes' } | { kind: 'prepare'; users: boolean } | { kind: 'chunk'; offset: number };

/** A client packet as it appears in a trace: CMD_AUTH's key zeroed. */
export function maskClientPacket(packet: Buffer): Buffer {
  return decodePacket(packet).command === CMD_AUTH ? withData(packet, Buffer.alloc(packet.length - ZK_HEADER_SIZE)) : packet;
}

export function maskTracePackets(packets: readonly { from: TraceSide; bytes: Buffer }[]): Buffer[] {
  const pending = new Map<number, Pending>();
  let userCount: number | null = null;
  let userDataset: { recordSize: 28 | 72 } | null = null;
  return packets.map(({ from, bytes }) => {
    const packet = decodePacket(bytes);
    if (from === 'client') {
      if (packet.command === CMD_GET_FREE_SIZES) pending.set(packet.replyId, { kind: 'sizes' });
      if (packet.command === CMD_PREPARE_BUFFER && packet.data.length >= 3) pending.set(packet.replyId, { kind: 'prepare', users: packet.data.readUInt16LE(1) === CMD_USERTEMP_RRQ });
      if (packet.command === CMD_READ_BUFFER && packet.data.length >= 8) pending.set(packet.replyId, { kind: 'chunk', offset: packet.data.readInt32LE(0) });
      return maskClientPacket(bytes);
    }
    const request = pending.get(packet.replyId);
    if (request?.kind === 'sizes' && packet.data.length >= 20) userCount = packet.data.readInt32LE(16);
    if (request?.kind === 'prepare') {
      userDataset = null;
      if (!request.users) return bytes;
      if (packet.command === CMD_DATA && packet.data.length >= 4) {
        return withData(bytes, maskUserBytes(packet.data, 0, { recordSize: recordSizeOf(packet.data.readUInt32LE(0), userCount) }));
      }
      if (packet.command === CMD_ACK_OK && packet.data.length >= 5) userDataset = { recordSize: recordSizeOf(packet.data.readUInt32LE(1) - 4, userCount) };
      return bytes;
    }
    if (request?.kind === 'chunk' && packet.command === CMD_DATA && userDataset) {
      const masked = maskUserBytes(packet.data, request.offset, userDataset);
      request.offset += packet.data.length;
      return withData(bytes, masked);
    }
    return bytes;
  });
}

function recordSizeOf(bodyLength: number, userCount: number | null): 28 | 72 {
  if (userCount && bodyLength / userCount === 28) return 28;
  if (userCount && bodyLength / userCount === 72) return 72;
  return bodyLength % 72 === 0 ? 72 : 28;
}

/** `data` sits at `datasetOffset` of a user dataset (u32 size, then records). */
function maskUserBytes(data: Buffer, datasetOffset: number, dataset: { recordSize: 28 | 72 }): Buffer {
  const masked = Buffer.from(data);
  const fields = MASKED_USER_FIELDS[dataset.recordSize];
  for (let index = 0; index < masked.length; index++) {
    const position = datasetOffset + index - 4;
    if (position < 0 || masked[index] === 0) continue;
    const inRecord = position % dataset.recordSize;
    if (fields.some(([start, length]) => inRecord >= start && inRecord < start + length)) masked[index] = MASK_BYTE;
  }
  return masked;
}

function withData(packet: Buffer, data: Buffer): Buffer {
  const copy = Buffer.concat([packet.subarray(0, ZK_HEADER_SIZE), data]);
  copy.writeUInt16LE(0, 2);
  copy.writeUInt16LE(zkChecksum(copy), 2);
  return copy;
}
