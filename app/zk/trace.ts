// A byte transcript of one session for support: every ZK packet both ways, in
// order and timed, with the comm key, user names and user passwords masked. Our tests replay such
// a file as a golden vector (test-support/trace-replay.ts), so what a user sends us becomes a test.
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { maskTracePackets, MASKED_IN_TRACES } from './trace-masking';

export type TraceSide = 'client' | 'device';

/** What the session hands every packet to, before it is sent or after it is received. */
export interface ZkTraceRecorder {
  record(from: TraceSide, packet: Buffer): void;
  /** The transport the session ended up on. */
  usedTransport(kind: 'tcp' | 'udp'): void;
}

export const TRACE_FORMAT = 'punchbridge-zk-trace';

export const ZkTraceFileSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(1),
  transport: z.enum(['tcp', 'udp']).nullable(),
  /** What was replaced before the file was written. */
  masked: z.array(z.string()),
  /** ZK packets (header and data, without the TCP top header), in the order the client saw them. */
  packets: z.array(
    z.object({
      /** Milliseconds since the session began. */
      ms: z.number().nonnegative(),
      from: z.enum(['client', 'device']),
      hex: z.string().regex(/^(?:[0-9a-f]{2})+$/, 'a packet is an even number of lowercase hex digits'),
    }),
  ),
});
export type ZkTraceFile = z.infer<typeof ZkTraceFileSchema>;

export class ZkTrace implements ZkTraceRecorder {
  private readonly started = performance.now();
  private readonly packets: { ms: number; from: TraceSide; bytes: Buffer }[] = [];
  private transport: 'tcp' | 'udp' | null = null;

  record(from: TraceSide, packet: Buffer): void {
    this.packets.push({ ms: Math.round((performance.now() - this.started) * 10) / 10, from, bytes: Buffer.from(packet) });
  }

  usedTransport(kind: 'tcp' | 'udp'): void {
    this.transport = kind;
  }

  get packetCount(): number {
    return this.packets.length;
  }

  /** The file's content, masked. */
  toFile(): ZkTraceFile {
    const masked = maskTracePackets(this.packets);
    return {
      format: TRACE_FORMAT,
      version: 1,
      transport: this.transport,
      masked: [...MASKED_IN_TRACES],
      packets: this.packets.map((packet, index) => ({ ms: packet.ms, from: packet.from, hex: masked[index]!.toString('hex') })),
    };
  }
}

/** Reads a trace file's text; throws a ZodError or SyntaxError naming what is wrong. */
export function parseZkTrace(text: string): ZkTraceFile {
  return ZkTraceFileSchema.parse(JSON.parse(text));
}
