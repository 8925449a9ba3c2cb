// What the session needs from a transport: send a ZK packet, hear packets, learn when it ended.
import type { ZkError } from './errors';

export interface TransportHandlers {
  /** One ZK packet (header and data, no TCP top header). */
  onPacket(packet: Buffer): void;
  /** The connection ended without close() being called, or the peer sent bytes that are not ZK. */
  onClose(error: ZkError): void;
}

export interface ZkTransport {
  readonly kind: 'tcp' | 'udp';
  send(packet: Buffer): void;
  /** Releases the socket; resolves once it is gone. Safe to call twice. */
  close(): Promise<void>;
}

export interface TransportTarget {
  host: string;
  port: number;
  timeoutMs: number;
}

export const describeTarget = (target: { host: string; port: number }) =>
  target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
