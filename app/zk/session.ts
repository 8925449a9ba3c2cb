// One conversation with a device: reply ids, the session id, matching replies to requests, and
// the timeout on every wait (docs/zk-protocol.md §1.3).
import {
  CMD_ACK_ERROR,
  CMD_ACK_OK,
  CMD_ACK_REPEAT,
  CMD_ACK_RETRY,
  CMD_ACK_UNAUTH,
  CMD_ACK_UNKNOWN,
  CMD_DATA,
  CMD_REG_EVENT,
} from './constants';
import { zkErrors, type ZkError } from './errors';
import { decodePacket, encodePacket, ZkFramingError, type ZkPacket } from './packet';
import { PacketQueue } from './packet-queue';
import type { TransportHandlers, ZkTransport } from './transport';

/**
 * How long to wait for an answer: 'answer' for ordinary commands, 'slow' for the steps a full log
 * on a slow CPU makes long (preparing a dataset, reading a chunk, clearing), set per device.
 */
export type Patience = 'answer' | 'slow';

export class ZkSession {
  sessionId = 0;
  /** pyzk starts at 0 and echoes the device; 0 is also what realtime events carry, so we skip it on wrap. */
  private nextReplyId = 0;
  private readonly replies = new PacketQueue();
  private readonly events = new PacketQueue();
  private transport: ZkTransport | null = null;
  private ended: ZkError | null = null;
  private closedByUs = false;

  constructor(
    readonly target: string,
    readonly timeoutMs: number,
    readonly slowTimeoutMs: number,
  ) {}

  /** Handlers to give the transport when opening it. */
  readonly handlers: TransportHandlers = {
    onPacket: (bytes) => this.route(bytes),
    onClose: (error) => this.end(error),
  };

  attach(transport: ZkTransport): void {
    this.transport = transport;
  }

  get transportKind(): 'tcp' | 'udp' | null {
    return this.transport?.kind ?? null;
  }

  get isOpen(): boolean {
    return this.ended === null;
  }

  /** Sends a command; returns the reply id its answers will carry. */
  send(command: number, data?: Uint8Array): number {
    if (this.ended) throw this.ended;
    const replyId = this.nextReplyId;
    this.nextReplyId = replyId >= 0xffff ? 1 : replyId + 1;
    this.transport?.send(encodePacket(command, this.sessionId, replyId, data));
    return replyId;
  }

  /** Answers a realtime event; the device expects ACK_OK with reply id 0 (docs/zk-protocol.md §1.9). */
  acknowledgeEvent(): void {
    if (!this.ended) this.transport?.send(encodePacket(CMD_ACK_OK, this.sessionId, 0));
  }

  /** The next packet answering `replyId`; late answers to earlier requests are dropped. */
  async receive(replyId: number, what: string, patience: Patience = 'answer'): Promise<ZkPacket> {
    const waitMs = patience === 'slow' ? this.slowTimeoutMs : this.timeoutMs;
    const onTimeout = () => (patience === 'slow' ? zkErrors.slowTimeout(this.target, what, waitMs) : zkErrors.timeout(this.target, what, waitMs));
    for (;;) {
      const packet = (await this.replies.take(waitMs, onTimeout))!;
      if (packet.replyId === replyId) return packet;
    }
  }

  async request(command: number, what: string, data?: Uint8Array, patience: Patience = 'answer'): Promise<ZkPacket> {
    return this.receive(this.send(command, data), what, patience);
  }

  /** A command whose answer must be ACK_OK (or, for queries, CMD_DATA). */
  async expectOk(command: number, what: string, data?: Uint8Array, patience: Patience = 'answer'): Promise<Buffer> {
    const reply = await this.request(command, what, data, patience);
    if (reply.command === CMD_ACK_OK || reply.command === CMD_DATA) return reply.data;
    throw this.refusal(reply, what);
  }

  /** The error a reply other than ACK_OK stands for. */
  refusal(reply: ZkPacket, what: string): ZkError {
    if (reply.command === CMD_ACK_UNAUTH) return zkErrors.commKeyRequired(this.target);
    // Firmwares without a command answer ACK_UNKNOWN where others answer ACK_ERROR: both mean "not here".
    if (reply.command === CMD_ACK_ERROR || reply.command === CMD_ACK_UNKNOWN) return zkErrors.refused(this.target, what);
    if (reply.command === CMD_ACK_RETRY || reply.command === CMD_ACK_REPEAT) return zkErrors.deviceBusy(this.target);
    return zkErrors.unexpectedReply(this.target, what, reply.command);
  }

  /**
   * The next realtime event packet; 'quiet' when none came within `quietMs`; null once `signal`
   * aborts or we closed the session.
   */
  async nextEvent(signal?: AbortSignal, quietMs: number | null = null): Promise<ZkPacket | 'quiet' | null> {
    let quiet = false;
    try {
      return await this.events.take(quietMs, () => ((quiet = true), zkErrors.connectionLost(this.target)), signal);
    } catch (error) {
      if (quiet) return 'quiet';
      if (this.closedByUs) return null;
      throw error;
    }
  }

  /** Ends the session and releases the socket; waits in progress fail with connection-lost. */
  async close(): Promise<void> {
    if (this.ended === null) this.closedByUs = true;
    this.end(zkErrors.connectionLost(this.target));
    await this.transport?.close();
  }

  private route(bytes: Buffer): void {
    let packet: ZkPacket;
    try {
      packet = decodePacket(bytes);
    } catch (error) {
      if (!(error instanceof ZkFramingError)) throw error;
      this.end(zkErrors.notZkDevice(this.target, 'its reply is shorter than a ZK header'));
      void this.transport?.close();
      return;
    }
    if (packet.command === CMD_REG_EVENT && packet.replyId === 0) this.events.push(packet);
    else this.replies.push(packet);
  }

  private end(error: ZkError): void {
    this.ended ??= error;
    this.replies.fail(this.ended);
    this.events.fail(this.ended);
  }
}
