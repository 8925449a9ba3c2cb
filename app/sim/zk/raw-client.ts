// A bare-bones ZK client for the simulator's own tests: it sends exactly the bytes a test gives and
// hands back every packet received, so tests can assert the device's bytes without a real client.
import dgram from 'node:dgram';
import net from 'node:net';
import { CMD_ACK_OK, CMD_CONNECT, CMD_DATA, CMD_FREE_DATA, CMD_PREPARE_BUFFER, CMD_READ_BUFFER } from '../../zk/constants';
import { decodePacket, encodePacket, TcpPacketReader, wrapTcp, type ZkPacket } from '../../zk/packet';

class PacketQueue {
  private readonly packets: Buffer[] = [];
  private waiter: ((packet: Buffer) => void) | null = null;
  private failWaiter: ((error: Error) => void) | null = null;
  private closedError: Error | null = null;

  /** The connection is gone: whoever waits, and whoever asks later, gets this error. */
  close(error: Error): void {
    this.closedError = error;
    this.failWaiter?.(error);
  }

  push(packet: Buffer): void {
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = null;
      resolve(packet);
    } else this.packets.push(packet);
  }

  /** The next packet, or an error when none arrives within `timeoutMs`. */
  next(timeoutMs: number): Promise<Buffer> {
    const queued = this.packets.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.waiter = null;
        this.failWaiter = null;
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`no packet within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (packet) => {
        settle();
        resolve(packet);
      };
      this.failWaiter = (error) => {
        settle();
        reject(error);
      };
    });
  }
}

abstract class RawClient {
  sessionId = 0;
  replyId = 0;
  protected readonly queue = new PacketQueue();

  abstract sendPacket(packet: Buffer): void;
  abstract close(): Promise<void>;

  nextPacket(timeoutMs = 2000): Promise<Buffer> {
    return this.queue.next(timeoutMs);
  }

  async next(timeoutMs = 2000): Promise<ZkPacket> {
    return decodePacket(await this.nextPacket(timeoutMs));
  }

  /** Sends a command with the session id and the next reply id, and returns the first answer. */
  async command(command: number, data: Uint8Array = Buffer.alloc(0), timeoutMs = 2000): Promise<ZkPacket> {
    this.replyId = command === CMD_CONNECT ? 0 : (this.replyId + 1) & 0xffff;
    this.sendPacket(encodePacket(command, this.sessionId, this.replyId, data));
    const reply = await this.next(timeoutMs);
    if (command === CMD_CONNECT) this.sessionId = reply.sessionId;
    return reply;
  }

  /**
   * The buffered read as pyzk does it (docs/zk-protocol.md §1.6); returns the dataset and the
   * packets of the first chunk's answer, for tests that look at how the device split it.
   */
  async readBuffer(table: number, fct: number, chunkSize: number): Promise<{ dataset: Buffer; firstChunk: ZkPacket[] }> {
    const request = Buffer.alloc(11);
    request.writeUInt8(1, 0);
    request.writeUInt16LE(table, 1);
    request.writeUInt32LE(fct, 3);
    const answer = await this.command(CMD_PREPARE_BUFFER, request);
    if (answer.command === CMD_DATA) return { dataset: answer.data, firstChunk: [answer] };
    if (answer.command !== CMD_ACK_OK) throw new Error(`the device answered ${answer.command} to PREPARE_BUFFER`);
    const size = answer.data.readUInt32LE(1);
    const parts: Buffer[] = [];
    let firstChunk: ZkPacket[] = [];
    for (let start = 0; start < size; start += chunkSize) {
      const range = Buffer.alloc(8);
      range.writeUInt32LE(start, 0);
      range.writeUInt32LE(Math.min(chunkSize, size - start), 4);
      const packets = [await this.command(CMD_READ_BUFFER, range)];
      while (packets.at(-1)!.command !== CMD_ACK_OK) packets.push(await this.next());
      for (const packet of packets) if (packet.command === CMD_DATA) parts.push(packet.data);
      if (start === 0) firstChunk = packets;
    }
    await this.command(CMD_FREE_DATA);
    return { dataset: Buffer.concat(parts), firstChunk };
  }
}

export class RawTcpClient extends RawClient {
  private readonly receivedReads: Buffer[] = [];
  /** How many socket reads delivered those bytes (packets written together arrive in one read). */
  reads = 0;
  readonly closed: Promise<void>;
  private readonly reader = new TcpPacketReader();

  private constructor(private readonly socket: net.Socket) {
    super();
    socket.on('data', (bytes) => {
      this.receivedReads.push(bytes);
      this.reads++;
      for (const packet of this.reader.push(bytes)) this.queue.push(packet);
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.queue.close(new Error('the connection closed'));
        resolve();
      }),
    );
  }

  /** Every byte received, top headers included, for exact-bytes assertions. */
  get received(): Buffer {
    return Buffer.concat(this.receivedReads);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawTcpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawTcpClient(socket));
      });
    });
  }

  sendBytes(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  sendPacket(packet: Buffer): void {
    this.socket.write(wrapTcp(packet));
  }

  async close(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}

export class RawUdpClient extends RawClient {
  private constructor(
    private readonly socket: dgram.Socket,
    private readonly port: number,
    private readonly host: string,
  ) {
    super();
    socket.on('message', (datagram) => this.queue.push(datagram));
  }

  static async open(port: number, host = '127.0.0.1'): Promise<RawUdpClient> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new RawUdpClient(socket, port, host);
  }

  sendPacket(packet: Buffer): void {
    this.socket.send(packet, this.port, this.host);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
