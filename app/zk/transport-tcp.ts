import { connect, type Socket } from 'node:net';
import { zkErrors, type ZkError } from './errors';
import { TcpPacketReader, wrapTcp, ZkFramingError } from './packet';
import { describeTarget, type TransportHandlers, type TransportTarget, type ZkTransport } from './transport';

function connectFailure(error: NodeJS.ErrnoException, target: string): ZkError {
  if (error.code === 'ECONNREFUSED') return zkErrors.portClosed(target);
  return zkErrors.hostUnreachable(target, 'TCP');
}

/** Opens a TCP connection; rejects with port-closed (refused) or host-unreachable (error or timeout). */
export function openTcpTransport(target: TransportTarget, handlers: TransportHandlers): Promise<ZkTransport> {
  const name = describeTarget(target);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    const connectTimer = setTimeout(() => {
      socket.destroy();
      reject(zkErrors.hostUnreachable(name, 'TCP'));
    }, target.timeoutMs);
    const onConnectError = (error: Error) => {
      clearTimeout(connectTimer);
      socket.destroy();
      reject(connectFailure(error, name));
    };
    socket.once('error', onConnectError);
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      socket.off('error', onConnectError);
      resolve(new TcpTransport(socket, name, handlers));
    });
  });
}

class TcpTransport implements ZkTransport {
  readonly kind = 'tcp' as const;
  private readonly reader = new TcpPacketReader();
  private closing = false;
  private readonly closed: Promise<void>;

  constructor(
    private readonly socket: Socket,
    target: string,
    handlers: TransportHandlers,
  ) {
    socket.setNoDelay(true);
    let failure: ZkError = zkErrors.connectionLost(target);
    socket.on('data', (bytes: Buffer) => {
      try {
        for (const packet of this.reader.push(bytes)) handlers.onPacket(packet);
      } catch (error) {
        if (!(error instanceof ZkFramingError)) throw error;
        failure = zkErrors.notZkDevice(target, 'its reply lacks the ZK TCP header');
        socket.destroy();
      }
    });
    // 'error' is always followed by 'close', where the session hears about it.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        if (!this.closing) handlers.onClose(failure);
        resolve();
      });
    });
  }

  send(packet: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(wrapTcp(packet));
  }

  close(): Promise<void> {
    this.closing = true;
    this.socket.destroy();
    return this.closed;
  }
}
