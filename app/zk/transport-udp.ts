import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { zkErrors } from './errors';
import { describeTarget, type TransportHandlers, type TransportTarget, type ZkTransport } from './transport';

/**
 * Opens a connected UDP socket. UDP has no handshake, so an absent device shows only as a
 * command timeout; a refused port may show as ECONNREFUSED from the ICMP answer.
 */
export function openUdpTransport(target: TransportTarget, handlers: TransportHandlers): Promise<ZkTransport> {
  const name = describeTarget(target);
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(target.host) ? 'udp6' : 'udp4');
    const onConnectError = () => {
      socket.close();
      reject(zkErrors.hostUnreachable(name, 'UDP'));
    };
    socket.once('error', onConnectError);
    socket.connect(target.port, target.host, () => {
      socket.off('error', onConnectError);
      resolve(new UdpTransport(socket, name, handlers));
    });
  });
}

class UdpTransport implements ZkTransport {
  readonly kind = 'udp' as const;
  private open = true;

  constructor(
    private readonly socket: Socket,
    target: string,
    handlers: TransportHandlers,
  ) {
    socket.on('message', (packet: Buffer) => handlers.onPacket(packet));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const failure = error.code === 'ECONNREFUSED' ? zkErrors.portClosed(target) : zkErrors.connectionLost(target);
      void this.close().then(() => handlers.onClose(failure));
    });
  }

  send(packet: Buffer): void {
    if (this.open) this.socket.send(packet);
  }

  close(): Promise<void> {
    if (!this.open) return Promise.resolve();
    this.open = false;
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
