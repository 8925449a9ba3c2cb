// UDP side of the terminal: one datagram is one packet, and each client address:port is a session.
import dgram from 'node:dgram';
import type { SimulatedDevice } from './device';
import { Outbox } from './outbox';
import { Session } from './session';

interface Peer {
  session: Session;
  markClosed(): void;
}

export class UdpListener {
  private socket: dgram.Socket | null = null;
  private readonly peers = new Map<string, Peer>();

  constructor(private readonly device: SimulatedDevice) {}

  get openSessions(): number {
    return this.peers.size;
  }

  get isListening(): boolean {
    return this.socket !== null;
  }

  listen(host: string, port: number): Promise<number> {
    const socket = dgram.createSocket('udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        socket.on('message', (message, remote) => this.receive(socket, message, remote));
        this.socket = socket;
        resolve(socket.address().port);
      });
    });
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    for (const key of [...this.peers.keys()]) this.forget(key);
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private receive(socket: dgram.Socket, message: Buffer, remote: dgram.RemoteInfo): void {
    const key = `${remote.address}:${remote.port}`;
    const peer = this.peers.get(key) ?? this.open(socket, key, remote);
    peer.session.receive(message);
  }

  private open(socket: dgram.Socket, key: string, remote: dgram.RemoteInfo): Peer {
    let closed = false;
    const outbox = new Outbox(this.device, {
      frame: (packet) => packet,
      canCoalesce: false,
      write: (bytes) => socket.send(bytes, remote.port, remote.address),
      close: () => this.forget(key),
      isClosed: () => closed || this.socket !== socket,
    });
    const session = new Session(this.device, { transport: 'udp', send: (packets, workMs) => outbox.send(packets, workMs), end: () => outbox.close() });
    const peer: Peer = { session, markClosed: () => (closed = true) };
    this.peers.set(key, peer);
    return peer;
  }

  private forget(key: string): void {
    const peer = this.peers.get(key);
    if (!peer) return;
    peer.markClosed();
    this.peers.delete(key);
    peer.session.ended();
  }
}
