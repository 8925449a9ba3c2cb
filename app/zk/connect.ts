// Opening a session: pick the transport (TCP first, UDP when TCP is refused or times out),
// CMD_CONNECT, and the comm-key login (docs/zk-protocol.md §1.5).
import { makeCommKey } from './comm-key';
import { CMD_ACK_OK, CMD_ACK_UNAUTH, CMD_AUTH, CMD_CONNECT, DEFAULT_ZK_PORT } from './constants';
import { ZkError, zkErrors } from './errors';
import { ZkSession } from './session';
import { describeTarget, type TransportTarget } from './transport';
import { openTcpTransport } from './transport-tcp';
import { openUdpTransport } from './transport-udp';
import type { ZkTraceRecorder } from './trace';
import type { TransportHandlers, ZkTransport } from './transport';

export interface ZkConnectOptions {
  host: string;
  /** Default 4370. */
  port?: number;
  /** auto = TCP first, UDP when TCP is refused or times out. */
  transport?: 'auto' | 'tcp' | 'udp';
  /** The device's COMM Key; 0 or absent = none. */
  commKey?: number;
  /** Limit on connecting and on every wait for an ordinary reply. Default 5000 ms. */
  timeoutMs?: number;
  /**
   * Limit on the waits a full log on a slow CPU makes long: preparing a dataset, the first answer
   * to each chunk request, clearing. The device's Timeout setting; default 60 s, as pyzk waits.
   */
  slowTimeoutMs?: number;
  /** How the device encodes user names: utf-8 (default), gbk, windows-1256... */
  nameEncoding?: string;
  /** Hears every packet of the session both ways, for a support trace. */
  trace?: ZkTraceRecorder;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_SLOW_TIMEOUT_MS = 60_000;

/** Opens a session, logged in. Rejects with ZkError. */
export async function openSession(options: ZkConnectOptions): Promise<{ session: ZkSession; kind: 'tcp' | 'udp' }> {
  const target: TransportTarget = { host: options.host, port: options.port ?? DEFAULT_ZK_PORT, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const mode = options.transport ?? 'auto';
  const slowTimeoutMs = options.slowTimeoutMs ?? DEFAULT_SLOW_TIMEOUT_MS;
  const open = (kind: 'tcp' | 'udp') => openOver(kind, target, slowTimeoutMs, options.commKey, options.trace);
  if (mode === 'udp') return open('udp');
  try {
    return await open('tcp');
  } catch (error) {
    const tcpUnavailable = error instanceof ZkError && (error.code === 'port-closed' || error.code === 'host-unreachable');
    if (mode === 'tcp' || !tcpUnavailable) throw error;
    try {
      return await open('udp');
    } catch (udpError) {
      // A silent UDP port says less than TCP's refusal or timeout did.
      if (udpError instanceof ZkError && (udpError.code === 'host-unreachable' || udpError.code === 'timeout')) throw error;
      throw udpError;
    }
  }
}

async function openOver(kind: 'tcp' | 'udp', target: TransportTarget, slowTimeoutMs: number, commKey: number | undefined, trace: ZkTraceRecorder | undefined) {
  const session = new ZkSession(describeTarget(target), target.timeoutMs, slowTimeoutMs);
  const handlers: TransportHandlers = trace ? { ...session.handlers, onPacket: (bytes) => (trace.record('device', bytes), session.handlers.onPacket(bytes)) } : session.handlers;
  const transport = await (kind === 'tcp' ? openTcpTransport : openUdpTransport)(target, handlers);
  session.attach(trace ? tracedTransport(transport, trace) : transport);
  trace?.usedTransport(kind);
  try {
    await login(session, kind, commKey);
    return { session, kind };
  } catch (error) {
    await session.close();
    throw error;
  }
}

async function login(session: ZkSession, kind: 'tcp' | 'udp', commKey: number | undefined): Promise<void> {
  const reply = await session.request(CMD_CONNECT, 'the connection request').catch((error: unknown) => {
    throw connectFailure(error, session.target, kind);
  });
  if (reply.command !== CMD_ACK_OK && reply.command !== CMD_ACK_UNAUTH) {
    const refusal = session.refusal(reply, 'the connection request');
    if (refusal.code === 'protocol-error') throw zkErrors.notZkDevice(session.target, `it answered the ZK connect request with code ${reply.command}`);
    throw refusal.code === 'device-refused' ? zkErrors.deviceBusy(session.target) : refusal;
  }
  session.sessionId = reply.sessionId;
  if (reply.command === CMD_ACK_OK) return;
  if (!commKey) throw zkErrors.commKeyRequired(session.target);
  const auth = await session.request(CMD_AUTH, 'the comm key', makeCommKey(commKey, session.sessionId));
  if (auth.command === CMD_ACK_UNAUTH) throw zkErrors.commKeyWrong(session.target);
  if (auth.command !== CMD_ACK_OK) throw session.refusal(auth, 'the comm key');
}

/** No answer to CMD_CONNECT: over UDP nothing may be there; over TCP something is, but silent. */
function connectFailure(error: unknown, target: string, kind: 'tcp' | 'udp'): unknown {
  if (!(error instanceof ZkError)) return error;
  if (error.code === 'timeout') return kind === 'udp' ? zkErrors.hostUnreachable(target, 'UDP') : zkErrors.deviceBusy(target);
  if (error.code === 'connection-lost') return zkErrors.deviceBusy(target);
  return error;
}

function tracedTransport(transport: ZkTransport, trace: ZkTraceRecorder): ZkTransport {
  return {
    kind: transport.kind,
    send: (packet) => {
      trace.record('client', packet);
      transport.send(packet);
    },
    close: () => transport.close(),
  };
}
