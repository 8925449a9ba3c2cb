import { zkChecksum } from './checksum';
import { MACHINE_PREPARE_DATA_1, MACHINE_PREPARE_DATA_2, TCP_TOP_HEADER_SIZE, ZK_HEADER_SIZE } from './constants';

/** One ZK packet: the 8-byte header (docs/zk-protocol.md §1.1) and its data. */
export interface ZkPacket {
  command: number;
  checksum: number;
  /** In realtime event packets this field carries the event code instead (docs/zk-protocol.md §1.9). */
  sessionId: number;
  replyId: number;
  data: Buffer;
}

/** Bytes that cannot be a ZK packet: too short, or a TCP frame without the 50 50 82 7d magic. */
export class ZkFramingError extends Error {
  override name = 'ZkFramingError';
}

export function encodePacket(command: number, sessionId: number, replyId: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  const packet = Buffer.alloc(ZK_HEADER_SIZE + data.length);
  packet.writeUInt16LE(command & 0xffff, 0);
  packet.writeUInt16LE(sessionId & 0xffff, 4);
  packet.writeUInt16LE(replyId & 0xffff, 6);
  packet.set(data, ZK_HEADER_SIZE);
  packet.writeUInt16LE(zkChecksum(packet), 2);
  return packet;
}

export function decodePacket(bytes: Buffer): ZkPacket {
  if (bytes.length < ZK_HEADER_SIZE) {
    throw new ZkFramingError(`A ZK packet needs at least ${ZK_HEADER_SIZE} bytes; got ${bytes.length}`);
  }
  return {
    command: bytes.readUInt16LE(0),
    checksum: bytes.readUInt16LE(2),
    sessionId: bytes.readUInt16LE(4),
    replyId: bytes.readUInt16LE(6),
    data: bytes.subarray(ZK_HEADER_SIZE),
  };
}

/** True when the packet's checksum field matches its contents. */
export function hasValidChecksum(bytes: Buffer): boolean {
  if (bytes.length < ZK_HEADER_SIZE) return false;
  const zeroed = Buffer.from(bytes);
  zeroed.writeUInt16LE(0, 2);
  return zkChecksum(zeroed) === bytes.readUInt16LE(2);
}

/** Wrap a packet in the TCP top header: magic, then the packet length as a u32. */
export function wrapTcp(packet: Buffer): Buffer {
  const top = Buffer.alloc(TCP_TOP_HEADER_SIZE);
  top.writeUInt16LE(MACHINE_PREPARE_DATA_1, 0);
  top.writeUInt16LE(MACHINE_PREPARE_DATA_2, 2);
  top.writeUInt32LE(packet.length, 4);
  return Buffer.concat([top, packet]);
}

/**
 * Reassembles ZK packets from a TCP byte stream. A read may hold half a packet or several packets
 * (devices that write a chunk's PREPARE_DATA, DATA and ACK_OK together); push every read and take
 * the complete packets it yields.
 */
export class TcpPacketReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxPacketSize = 16 * 1024 * 1024) {}

  /** Adds bytes from the socket; returns the raw packets (without the top header) now complete. */
  push(bytes: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
    const packets: Buffer[] = [];
    while (this.pending.length >= TCP_TOP_HEADER_SIZE) {
      if (this.pending.readUInt16LE(0) !== MACHINE_PREPARE_DATA_1 || this.pending.readUInt16LE(2) !== MACHINE_PREPARE_DATA_2) {
        throw new ZkFramingError('The reply does not start with the ZK TCP header (50 50 82 7d): this is not a ZK device');
      }
      const length = this.pending.readUInt32LE(4);
      if (length < ZK_HEADER_SIZE || length > this.maxPacketSize) {
        throw new ZkFramingError(`The device announced a packet of ${length} bytes, which no ZK device sends`);
      }
      if (this.pending.length < TCP_TOP_HEADER_SIZE + length) break;
      packets.push(this.pending.subarray(TCP_TOP_HEADER_SIZE, TCP_TOP_HEADER_SIZE + length));
      this.pending = this.pending.subarray(TCP_TOP_HEADER_SIZE + length);
    }
    return packets;
  }

  /** Bytes of an incomplete packet still waiting for the rest. */
  get bufferedBytes(): number {
    return this.pending.length;
  }
}
