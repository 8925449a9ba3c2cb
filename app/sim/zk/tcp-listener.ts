// TCP side of the terminal: one session per connection, packets reassembled from the byte stream
// whatever way the client's writes were split or joined.
import net from 'node:net';
import { TcpPacketReader, wrapTcp } from '../../zk/packet';
import type { SimulatedDevice } from './device';
import { Outbox } from './outbox';
import { Session } from './session';

export class TcpListener {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly device: SimulatedDevice) {}

  get openConnections(): number {
    return this.sockets.size;
  }

  get isListening(): boolean {
    return this.server !== null;
  }

  listen(host: string, port: number): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.server = server;
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops accepting connections at once; with `dropOpen`, also closes the ones already open and waits for them. */
  async stop(dropOpen: boolean): Promise<void> {
    const server = this.server;
    this.server = null;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    if (!dropOpen) return;
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    let noDelay = !this.device.faults.nagle;
    socket.setNoDelay(noDelay);
    const outbox = new Outbox(this.device, {
      frame: wrapTcp,
      canCoalesce: true,
      write: (bytes) => {
        if (noDelay === this.device.faults.nagle) socket.setNoDelay((noDelay = !this.device.faults.nagle));
        socket.write(bytes);
      },
      close: () => socket.end(),
      isClosed: () => socket.destroyed || socket.writableEnded,
    });
    const session = new Session(this.device, { transport: 'tcp', send: (packets, workMs) => outbox.send(packets, workMs), end: () => outbox.close() });
    const reader = new TcpPacketReader();
    socket.on('data', (bytes) => {
      let packets: Buffer[];
      try {
        packets = reader.push(bytes);
      } catch {
        // Not ZK framing: a terminal drops such a connection.
        socket.destroy();
        return;
      }
      for (const packet of packets) session.receive(packet);
    });
    // A client that connects and closes without a byte (pyzk's test_tcp) ends up here too.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      session.ended();
    });
  }
}
