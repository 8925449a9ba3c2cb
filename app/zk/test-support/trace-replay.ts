// Test support: a device that plays a support trace back. Each packet the client sends must be the
// trace's next client packet (the comm key compared masked, as the trace holds it); the device
// packets that follow it in the trace are then sent. Any difference ends the connection and is kept.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { decodePacket, TcpPacketReader, wrapTcp } from '../packet';
import { maskClientPacket } from '../trace-masking';
import type { ZkTraceFile } from '../trace';

export interface TraceReplay {
  port: number;
  /** Client packets that differed from the trace: what was expected and what came, in hex. */
  readonly mismatches: { index: number; expected: string | null; received: string }[];
  /** How many of the trace's client packets the client has sent so far. */
  readonly clientPacketsMatched: number;
  close(): Promise<void>;
}

export async function replayTrace(trace: ZkTraceFile): Promise<TraceReplay> {
  const packets = trace.packets.map((packet) => ({ from: packet.from, bytes: Buffer.from(packet.hex, 'hex') }));
  const mismatches: TraceReplay['mismatches'] = [];
  let matched = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reader = new TcpPacketReader();
    let next = 0;
    socket.on('data', (bytes: Buffer) => {
      for (const received of reader.push(bytes)) {
        const expected = packets[next];
        const masked = maskClientPacket(received);
        if (!expected || expected.from !== 'client' || !expected.bytes.equals(masked)) {
          mismatches.push({ index: next, expected: expected?.bytes.toString('hex') ?? null, received: masked.toString('hex') });
          socket.destroy();
          return;
        }
        matched++;
        next++;
        while (packets[next]?.from === 'device') socket.write(wrapTcp(packets[next++]!.bytes));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    mismatches,
    get clientPacketsMatched() {
      return matched;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The command codes of a trace's packets from one side, to read a conversation at a glance. */
export function commandsOf(trace: ZkTraceFile, from: 'client' | 'device'): number[] {
  return trace.packets.filter((packet) => packet.from === from).map((packet) => decodePacket(Buffer.from(packet.hex, 'hex')).command);
}
