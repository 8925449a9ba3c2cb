// The buffered bulk read exactly as a terminal answers it (docs/zk-protocol.md §1.6):
// CMD_PREPARE_BUFFER (1503) picks a dataset and answers it directly when small, otherwise announces
// its size; each CMD_READ_BUFFER (1504) is answered with PREPARE_DATA, the chunk in one or more
// CMD_DATA packets, and ACK_OK, all carrying the request's reply id.
import {
  CMD_ACK_ERROR,
  CMD_ACK_OK,
  CMD_ATTLOG_RRQ,
  CMD_DATA,
  CMD_DB_RRQ,
  CMD_PREPARE_DATA,
  CMD_USERTEMP_RRQ,
  FCT_FINGERTMP,
  FCT_USER,
  UDP_MAX_DATA,
} from '../../zk/constants';
import { encodePacket, type ZkPacket } from '../../zk/packet';
import type { SimulatedDevice } from './device';

/** Datasets below this many bytes come back at once as CMD_DATA (pyzk's capture: 508 bytes). */
const DIRECT_DATA_LIMIT = 1024;
/** Not even the size field: what some firmwares answer when their log index and storage disagree. */
const NOTHING = Buffer.alloc(0);

export type Transport = 'tcp' | 'udp';

export class BufferedRead {
  private prepared: Buffer | null = null;

  constructor(private readonly device: SimulatedDevice) {}

  /** CMD_PREPARE_BUFFER: data is `01, u16 command, u32 fct, u32 ext`. */
  prepare(request: ZkPacket, sessionId: number): Buffer[] {
    const dataset = request.data.length >= 7 ? this.datasetFor(request.data.readUInt16LE(1), request.data.readUInt32LE(3)) : null;
    if (!dataset) return [encodePacket(CMD_ACK_ERROR, sessionId, request.replyId)];
    if (dataset.length < DIRECT_DATA_LIMIT) return [encodePacket(CMD_DATA, sessionId, request.replyId, dataset)];
    this.prepared = dataset;
    // 13 bytes: 00, size, size again, then 4 bytes whose meaning is unknown (clients ignore them).
    const announcement = Buffer.alloc(13);
    announcement.writeUInt32LE(dataset.length, 1);
    announcement.writeUInt32LE(dataset.length, 5);
    return [encodePacket(CMD_ACK_OK, sessionId, request.replyId, announcement)];
  }

  private datasetFor(command: number, fct: number): Buffer | null {
    // Attendance is asked for with fct 1 by some clients and 0 by pyzk and node-zklib.
    if (command === CMD_ATTLOG_RRQ) return this.device.faults.emptyAttendanceBuffer ? NOTHING : this.device.recordsDataset();
    if (command === CMD_USERTEMP_RRQ && fct === FCT_USER) return this.device.usersDataset();
    if (command === CMD_DB_RRQ && fct === FCT_FINGERTMP) return this.device.templatesDataset();
    return null;
  }

  /** CMD_READ_BUFFER: data is `u32 start, u32 size`. */
  readChunk(request: ZkPacket, sessionId: number, transport: Transport, tcpPieceSize: number | null): Buffer[] {
    const prepared = this.prepared;
    if (!prepared || request.data.length < 8) return [encodePacket(CMD_ACK_ERROR, sessionId, request.replyId)];
    const start = request.data.readUInt32LE(0);
    const size = Math.min(request.data.readUInt32LE(4), Math.max(0, prepared.length - start));
    if (start >= prepared.length) return [encodePacket(CMD_ACK_ERROR, sessionId, request.replyId)];
    const chunk = prepared.subarray(start, start + size);
    const pieceSize = transport === 'udp' ? UDP_MAX_DATA : (tcpPieceSize ?? Math.max(chunk.length, 1));
    const announcement = Buffer.alloc(8);
    announcement.writeUInt32LE(chunk.length, 0);
    announcement.writeUInt32LE(Math.min(pieceSize, chunk.length), 4);
    const group = [encodePacket(CMD_PREPARE_DATA, sessionId, request.replyId, announcement)];
    for (let at = 0; at < chunk.length; at += pieceSize) {
      group.push(encodePacket(CMD_DATA, sessionId, request.replyId, chunk.subarray(at, at + pieceSize)));
    }
    group.push(encodePacket(CMD_ACK_OK, sessionId, request.replyId));
    return group;
  }

  /** CMD_FREE_DATA. */
  free(): void {
    this.prepared = null;
  }
}
