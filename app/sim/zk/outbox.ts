// What leaves the terminal for one client, in order, with the fault switches applied as it leaves:
// reply delay, wrong checksums, coalesced chunk writes, and the connection dropping after N bytes.
import { CMD_DATA, CMD_PREPARE_DATA } from '../../zk/constants';
import type { SimulatedDevice } from './device';

export interface OutboxWire {
  /** Frames one ZK packet for the wire (TCP adds the top header; UDP sends it as is). */
  frame(packet: Buffer): Buffer;
  /** Whether a reply's packets may be joined into one write (TCP streams only). */
  canCoalesce: boolean;
  write(bytes: Buffer): void;
  /** Ends the conversation once everything written so far has gone out. */
  close(): void;
  isClosed(): boolean;
}

export class Outbox {
  private bytesSent = 0;
  private queued = 0;
  private tail: Promise<void> = Promise.resolve();
  private dropped = false;
  private datagrams = 0;
  private dataDatagrams = 0;

  constructor(
    private readonly device: SimulatedDevice,
    private readonly wire: OutboxWire,
  ) {}

  /** `workMs`: the device's own work before it answers, on top of the reply delay. */
  send(packets: Buffer[], workMs = 0): void {
    const { coalesceChunks } = this.device.faults;
    const delayMs = this.device.faults.delayMs + workMs;
    const paced = packets.length > 1 && this.wire.canCoalesce && !coalesceChunks;
    // Without a delay or pacing and with nothing waiting, write at once.
    if (delayMs <= 0 && !paced && this.queued === 0) return this.write(packets);
    this.enqueue(async () => {
      if (delayMs > 0) await sleep(delayMs);
      if (!paced) return this.write(packets);
      // A terminal's PREPARE_DATA, DATA and ACK_OK leave as separate segments with time between
      // them. Yielding between writes is enough for a client in this process to read them apart;
      // a client in another process needs a real gap (packetGapMs), as a device's link gives it.
      const gapMs = this.device.options.packetGapMs;
      for (const packet of packets) {
        await (gapMs > 0 ? sleep(gapMs) : new Promise((resolve) => setImmediate(resolve)));
        this.write([packet]);
      }
      // Only this reply was waiting: the device now sits idle until the client asks again, and
      // with Nagle on its closing packet waits for the client's ACK meanwhile.
      if (packets[0]!.readUInt16LE(0) === CMD_PREPARE_DATA && this.queued === 1) this.device.chunkStalls++;
    });
  }

  /** Closes after every reply already queued has been written. */
  close(): void {
    if (this.queued === 0) return this.wire.close();
    this.enqueue(async () => this.wire.close());
  }

  private enqueue(step: () => Promise<void>): void {
    this.queued++;
    this.tail = this.tail.then(step).finally(() => this.queued--);
  }

  private write(packets: Buffer[]): void {
    if (this.dropped || this.wire.isClosed()) return;
    const faults = this.device.faults;
    const frames = packets.map((packet) => this.wire.frame(faults.wrongChecksum ? withWrongChecksum(packet) : packet));
    if (!this.wire.canCoalesce) return this.writeDatagrams(packets, frames);
    const writes = faults.coalesceChunks ? [Buffer.concat(frames)] : frames;
    for (const bytes of writes) {
      const limit = faults.dropAfterBytes;
      if (limit !== null && this.bytesSent + bytes.length >= limit) {
        this.dropped = true;
        this.wire.write(bytes.subarray(0, Math.max(0, limit - this.bytesSent)));
        this.wire.close();
        return;
      }
      this.bytesSent += bytes.length;
      this.wire.write(bytes);
    }
  }

  /** UDP: one datagram per packet, with the loss and repeat switches applied. */
  private writeDatagrams(packets: Buffer[], frames: Buffer[]): void {
    const { dropEveryNthDatagram, repeatEveryNthDatagram, dropAfterBytes } = this.device.faults;
    for (const [index, bytes] of frames.entries()) {
      if (dropAfterBytes !== null && this.bytesSent + bytes.length >= dropAfterBytes) {
        this.dropped = true;
        this.wire.close();
        return;
      }
      this.bytesSent += bytes.length;
      this.datagrams++;
      if (packets[index]!.readUInt16LE(0) === CMD_DATA && dropEveryNthDatagram !== null && ++this.dataDatagrams % dropEveryNthDatagram === 0) continue;
      this.wire.write(bytes);
      if (repeatEveryNthDatagram !== null && this.datagrams % repeatEveryNthDatagram === 0) this.wire.write(bytes);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withWrongChecksum(packet: Buffer): Buffer {
  const corrupted = Buffer.from(packet);
  corrupted.writeUInt16LE(corrupted.readUInt16LE(2) ^ 0xffff, 2);
  return corrupted;
}
