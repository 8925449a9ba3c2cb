// One client's conversation with the terminal (a TCP connection or a UDP peer): session id, comm
// key login, command dispatch and realtime event registration. Transport faults live in the links.
import {
  CMD_ACK_ERROR,
  CMD_ACK_OK,
  CMD_ACK_UNAUTH,
  CMD_ACK_UNKNOWN,
  CMD_AUTH,
  CMD_CLEAR_ATTLOG,
  CMD_CLEAR_DATA,
  CMD_CONNECT,
  CMD_DELETE_USER,
  CMD_DISABLEDEVICE,
  CMD_ENABLEDEVICE,
  CMD_EXIT,
  CMD_FREE_DATA,
  CMD_GET_FREE_SIZES,
  CMD_GET_PINWIDTH,
  CMD_GET_TIME,
  CMD_DATA,
  CMD_GET_VERSION,
  CMD_OPTIONS_RRQ,
  CMD_OPTIONS_WRQ,
  CMD_PREPARE_BUFFER,
  CMD_PREPARE_DATA,
  CMD_READ_BUFFER,
  CMD_REFRESHDATA,
  CMD_REFRESHOPTION,
  CMD_REG_EVENT,
  CMD_SET_TIME,
  CMD_USER_WRQ,
  EF_ATTLOG,
} from '../../zk/constants';
import { makeCommKey } from '../../zk/comm-key';
import { decodePacket, encodePacket, hasValidChecksum, type ZkPacket } from '../../zk/packet';
import { BufferedRead, type Transport } from './buffered-read';
import type { AttendanceEventSubscriber, SimulatedDevice } from './device';
import { writeAttendanceEvent } from './record-writers';
import type { SimulatedRecord } from './roster';

/** Commands a terminal acknowledges without doing anything the simulator needs to model. */
const CMD_TESTVOICE = 1017;
const CMD_STARTVERIFY = 60;
const CMD_CANCELCAPTURE = 62;
const ACKNOWLEDGED_ONLY = new Set([CMD_REFRESHDATA, CMD_REFRESHOPTION, CMD_TESTVOICE, CMD_STARTVERIFY, CMD_CANCELCAPTURE]);
/** CMD_CLEAR_DATA's optional table byte (ADRO): 1 attendance, 5 users; none clears both. */
const CLEAR_ATTENDANCE = 1;
const CLEAR_USERS = 5;
/** pyzk's _CMD_SAVE_USERTEMPS: saves the user and fingers of the upload that came before it. */
const CMD_SAVE_USERTEMPS = 110;
const ALLOWED_BEFORE_AUTH = new Set([CMD_CONNECT, CMD_AUTH, CMD_EXIT]);

/** How a session talks back: the transport applies delays, coalescing and the other faults. */
export interface SessionLink {
  readonly transport: Transport;
  /** Sends one reply: a group of ZK packets (without TCP top headers) that belong together, after `workMs` of the device's own work. */
  send(packets: Buffer[], workMs?: number): void;
  /** Ends the conversation after what was sent (CMD_EXIT). */
  end(): void;
}

export class Session implements AttendanceEventSubscriber {
  private sessionId = 0;
  private authenticated: boolean;
  private readonly bufferedRead: BufferedRead;
  /** A client-to-device upload (CMD_PREPARE_DATA, then CMD_DATA packets) waiting for the command that uses it. */
  private upload: { expected: number; parts: Buffer[]; received: number } | null = null;

  constructor(
    private readonly device: SimulatedDevice,
    private readonly link: SessionLink,
  ) {
    this.authenticated = device.options.commKey === 0;
    this.bufferedRead = new BufferedRead(device);
  }

  /** One packet from the client, without its TCP top header. */
  receive(bytes: Buffer): void {
    if (this.device.faults.silent || bytes.length < 8) return;
    const request = decodePacket(bytes);
    if (this.device.options.strictChecksums && !hasValidChecksum(bytes)) {
      this.device.rejectedChecksums++;
      this.reply(CMD_ACK_ERROR, request);
      return;
    }
    // The client's ACK of a realtime event (docs/zk-protocol.md §1.9): nothing to answer.
    if (request.command === CMD_ACK_OK) {
      this.device.eventsAcked++;
      return;
    }
    if (!this.authenticated && !ALLOWED_BEFORE_AUTH.has(request.command)) return this.reply(CMD_ACK_UNAUTH, request);
    if (this.device.faults.ackErrorFor === request.command) return this.reply(CMD_ACK_ERROR, request);
    if (this.device.faults.ackUnknownFor === request.command) return this.reply(CMD_ACK_UNKNOWN, request);
    const answer = this.answer(request);
    if (answer.length === 0) return;
    this.link.send(answer, this.workTime(request.command));
    // Punches held while disabled go out as events after the ENABLEDEVICE answer, not before it.
    if (request.command === CMD_ENABLEDEVICE) this.device.enable();
    if (request.command === CMD_EXIT) this.link.end();
  }

  /** The connection is gone: forget event registration, and enable the device if this session disabled it. */
  ended(): void {
    this.device.sessionEnded(this);
  }

  sendAttendanceEvent(record: SimulatedRecord): void {
    this.device.eventsSent++;
    // Event packets carry the event code in the session
    // field and reply id 0 (docs/zk-protocol.md §1.9).
    this.link.send([encodePacket(CMD_REG_EVENT, EF_ATTLOG, 0, writeAttendanceEvent(record, this.device.options.eventSize))]);
  }

  private reply(command: number, request: ZkPacket, data?: Uint8Array): void {
    this.link.send([this.packet(command, request, data)]);
  }

  private packet(command: number, request: ZkPacket, data?: Uint8Array): Buffer {
    return encodePacket(command, this.sessionId, request.replyId, data);
  }

  private ok(request: ZkPacket, data?: Uint8Array): Buffer[] {
    return [this.packet(CMD_ACK_OK, request, data)];
  }

  private answer(request: ZkPacket): Buffer[] {
    const { device } = this;
    switch (request.command) {
      case CMD_CONNECT:
        return this.connect(request);
      case CMD_AUTH:
        return this.authenticate(request);
      case CMD_EXIT:
        return this.ok(request);
      case CMD_OPTIONS_RRQ:
        return this.readOption(request);
      case CMD_OPTIONS_WRQ:
        return this.writeOption(request);
      case CMD_GET_VERSION:
        return this.ok(request, nulTerminated(device.options.firmware));
      case CMD_GET_PINWIDTH:
        return this.ok(request, Buffer.from([device.pinWidth, 0]));
      case CMD_GET_FREE_SIZES:
        return this.ok(request, device.freeSizes());
      case CMD_GET_TIME:
        return this.ok(request, u32(device.clock.nowEncoded()));
      case CMD_SET_TIME:
        if (request.data.length < 4) return [this.packet(CMD_ACK_ERROR, request)];
        device.clock.setEncoded(request.data.readUInt32LE(0));
        return this.ok(request);
      case CMD_DISABLEDEVICE:
        // An optional u32 is the number of seconds after which the terminal unlocks itself.
        device.disable(this, request.data.length >= 4 ? request.data.readUInt32LE(0) || null : null);
        return this.ok(request);
      case CMD_ENABLEDEVICE:
        return this.ok(request);
      case CMD_CLEAR_ATTLOG:
        device.clearRecords();
        return this.ok(request);
      case CMD_CLEAR_DATA:
        return this.clearData(request);
      case CMD_USER_WRQ:
        return this.writeUser(request);
      case CMD_DELETE_USER:
        if (request.data.length < 2) return [this.packet(CMD_ACK_ERROR, request)];
        return device.deleteUser(request.data.readUInt16LE(0)) ? this.ok(request) : [this.packet(CMD_ACK_ERROR, request)];
      case CMD_REG_EVENT:
        return this.registerEvents(request);
      case CMD_PREPARE_BUFFER:
        return this.bufferedRead.prepare(request, this.sessionId);
      case CMD_READ_BUFFER:
        return this.bufferedRead.readChunk(request, this.sessionId, this.link.transport, device.options.tcpDataPieceSize);
      case CMD_FREE_DATA:
        this.bufferedRead.free();
        this.upload = null;
        return this.ok(request);
      case CMD_PREPARE_DATA:
        if (request.data.length < 4) return [this.packet(CMD_ACK_ERROR, request)];
        this.upload = { expected: request.data.readUInt32LE(0), parts: [], received: 0 };
        return this.ok(request);
      case CMD_DATA:
        return this.receiveUpload(request);
      case CMD_SAVE_USERTEMPS:
        return this.saveUserTemplates(request);
      default:
        // Unknown commands, and pyzk's 2001 / 0xFFFF after
        // an error (docs/zk-protocol.md §1.4), get ACK_ERROR.
        return ACKNOWLEDGED_ONLY.has(request.command) ? this.ok(request) : [this.packet(CMD_ACK_ERROR, request)];
    }
  }

  /** How long the slow-terminal switches make the device work on a command before it answers. */
  private workTime(command: number): number {
    const { slowPrepareMs, slowChunkMs, slowClearMs } = this.device.faults;
    if (command === CMD_PREPARE_BUFFER) return slowPrepareMs;
    if (command === CMD_READ_BUFFER) return slowChunkMs;
    if (command === CMD_CLEAR_ATTLOG || command === CMD_CLEAR_DATA) return slowClearMs;
    return 0;
  }

  private connect(request: ZkPacket): Buffer[] {
    // Reconnecting on the same socket keeps the session id (ADRO).
    if (this.sessionId === 0) this.sessionId = this.device.options.sessionId ?? 1 + Math.floor(Math.random() * 0xfffe);
    return [this.packet(this.authenticated ? CMD_ACK_OK : CMD_ACK_UNAUTH, request)];
  }

  private authenticate(request: ZkPacket): Buffer[] {
    const { commKey } = this.device.options;
    this.device.authAttempts++;
    if (commKey !== 0) {
      // The device recomputes the key with the ticks byte
      // the client chose (byte 2, docs/zk-protocol.md §1.5).
      const ticks = request.data.length >= 4 ? request.data[2]! : 0;
      this.authenticated = request.data.length >= 4 && makeCommKey(commKey, this.sessionId, ticks).equals(request.data.subarray(0, 4));
    }
    return [this.packet(this.authenticated ? CMD_ACK_OK : CMD_ACK_UNAUTH, request)];
  }

  private readOption(request: ZkPacket): Buffer[] {
    const key = request.data.toString('latin1').split('\0')[0]!;
    const value = this.device.option(key);
    if (value === undefined) return [this.packet(CMD_ACK_ERROR, request)];
    return this.ok(request, nulTerminated(`${key}=${value}`));
  }

  private writeOption(request: ZkPacket): Buffer[] {
    const [key, value] = request.data.toString('latin1').split('\0')[0]!.split('=', 2);
    if (!key || value === undefined) return [this.packet(CMD_ACK_ERROR, request)];
    this.device.setOption(key, value);
    return this.ok(request);
  }

  private clearData(request: ZkPacket): Buffer[] {
    const table = request.data.length > 0 ? request.data[0] : undefined;
    if (table === undefined || table === CLEAR_ATTENDANCE) this.device.clearRecords();
    if (table === undefined || table === CLEAR_USERS) this.device.clearUsers();
    return this.ok(request);
  }

  private receiveUpload(request: ZkPacket): Buffer[] {
    const upload = this.upload;
    if (!upload || upload.received + request.data.length > upload.expected) return [this.packet(CMD_ACK_ERROR, request)];
    upload.parts.push(Buffer.from(request.data));
    upload.received += request.data.length;
    return this.ok(request);
  }

  private saveUserTemplates(request: ZkPacket): Buffer[] {
    const upload = this.upload;
    this.upload = null;
    if (!upload || upload.received !== upload.expected) return [this.packet(CMD_ACK_ERROR, request)];
    return this.device.saveUserTemplates(Buffer.concat(upload.parts)) ? this.ok(request) : [this.packet(CMD_ACK_ERROR, request)];
  }

  /** No answer at all when the terminal froze mid-write. */
  private writeUser(request: ZkPacket): Buffer[] {
    const outcome = this.device.writeUser(request.data);
    if (outcome === 'frozen') return [];
    return outcome === 'written' ? this.ok(request) : [this.packet(CMD_ACK_ERROR, request)];
  }

  private registerEvents(request: ZkPacket): Buffer[] {
    const flags = request.data.length >= 4 ? request.data.readUInt32LE(0) : (request.data[0] ?? 0);
    if (flags & EF_ATTLOG) this.device.subscribe(this);
    else this.device.unsubscribe(this);
    return this.ok(request);
  }
}

function nulTerminated(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'latin1');
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value >>> 0);
  return bytes;
}
