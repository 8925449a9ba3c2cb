// The HTTP side of ADMS ("iclock" push, reference §4): devices call us. Known devices (by serial
// number) upload punches and users; unknown ones get nothing and wait for the user's approval.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AdmsTimeZoneUnit } from '../api/contract';
import { parseAttlogBody, parseOperlogUsers, type AdmsUser } from './adms-lines';
import type { ImportedPunch, RowProblem } from './imported-punch';

/** Where the receiver puts what devices send; the app backs it with the journal. */
export interface AdmsSink {
  /** Remember that the device called (when, from where); true when its uploads may be kept. */
  noteRequest(serialNumber: string, remoteAddress: string): boolean;
  /** Stamps the device should resume uploading from, per table. */
  resumeStamps(serialNumber: string): { attlog: string; operlog: string };
  saveStamp(serialNumber: string, table: 'ATTLOG' | 'OPERLOG', stamp: string): void;
  savePunches(serialNumber: string, punches: ImportedPunch[]): { inserted: number };
  saveUsers(serialNumber: string, users: AdmsUser[]): void;
  /** The device's IANA zone and the unit its firmware reads, for its TimeZone option. */
  timeZoneOf(serialNumber: string): { zone: string; unit: AdmsTimeZoneUnit };
  noteMalformedLines(serialNumber: string, count: number, firstReason: string): void;
}

export interface AdmsReceiverOptions {
  sink: AdmsSink;
  host?: string;
  port?: number;
  /** Largest upload accepted; a device splits bigger logs over several posts. */
  bodyLimitBytes?: number;
  /** Seconds between a device's command polls. */
  pollDelaySeconds?: number;
  now?: () => Date;
}

export interface AdmsReceiver {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startAdmsReceiver(options: AdmsReceiverOptions): Promise<AdmsReceiver> {
  const server = buildAdmsServer(options);
  await server.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8081 });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8081);
  return { url: `http://${options.host ?? '127.0.0.1'}:${port}`, port, close: () => server.close() };
}

type IclockRequest = FastifyRequest<{ Querystring: { SN?: string; table?: string; Stamp?: string } }>;

export function buildAdmsServer(options: AdmsReceiverOptions): FastifyInstance {
  const { sink } = options;
  const server = Fastify({ bodyLimit: options.bodyLimitBytes ?? 4 * 1024 * 1024 });
  // Devices post plain text with whatever content type their firmware chose.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  /** Answers for an unknown or missing serial number; returns true when the request may go on. */
  const admit = (request: IclockRequest, reply: FastifyReply): string | null => {
    const serialNumber = request.query.SN?.trim();
    if (!serialNumber) {
      void reply.code(400).type('text/plain').send('Missing SN');
      return null;
    }
    if (!sink.noteRequest(serialNumber, request.ip)) {
      void reply.code(403).type('text/plain').send('Device not approved');
      return null;
    }
    return serialNumber;
  };

  server.get('/iclock/cdata', async (request: IclockRequest, reply) => {
    const serialNumber = admit(request, reply);
    if (!serialNumber) return reply;
    return reply.type('text/plain').send(handshake(serialNumber, sink, options));
  });

  server.post('/iclock/cdata', async (request: IclockRequest, reply) => {
    const serialNumber = admit(request, reply);
    if (!serialNumber) return reply;
    const body = typeof request.body === 'string' ? request.body : '';
    const table = request.query.table?.toUpperCase();
    if (table === 'ATTLOG') {
      const { punches, problems } = await parseAttlogBody(body, (options.now ?? (() => new Date()))());
      noteProblems(sink, serialNumber, problems);
      sink.savePunches(serialNumber, punches);
      if (request.query.Stamp) sink.saveStamp(serialNumber, 'ATTLOG', request.query.Stamp);
      return reply.type('text/plain').send(`OK: ${punches.length}`);
    }
    if (table === 'OPERLOG') {
      const { users, problems } = await parseOperlogUsers(body);
      noteProblems(sink, serialNumber, problems);
      sink.saveUsers(serialNumber, users);
      if (request.query.Stamp) sink.saveStamp(serialNumber, 'OPERLOG', request.query.Stamp);
    }
    // Photos, templates and options are accepted and not kept: attendance is what we are for.
    return reply.type('text/plain').send('OK');
  });

  server.get('/iclock/getrequest', async (request: IclockRequest, reply) => {
    if (!admit(request, reply)) return reply;
    return reply.type('text/plain').send('OK');
  });

  server.post('/iclock/devicecmd', async (request: IclockRequest, reply) => {
    if (!admit(request, reply)) return reply;
    return reply.type('text/plain').send('OK');
  });

  return server;
}

function noteProblems(sink: AdmsSink, serialNumber: string, problems: readonly RowProblem[]): void {
  if (problems.length > 0) sink.noteMalformedLines(serialNumber, problems.length, `line ${problems[0]!.line}: ${problems[0]!.reason}`);
}

function handshake(serialNumber: string, sink: AdmsSink, options: AdmsReceiverOptions): string {
  const stamps = sink.resumeStamps(serialNumber);
  return [
    `GET OPTION FROM: ${serialNumber}`,
    `ATTLOGStamp=${stamps.attlog}`,
    `OPERLOGStamp=${stamps.operlog}`,
    'ATTPHOTOStamp=None',
    'ErrorDelay=30',
    `Delay=${options.pollDelaySeconds ?? 10}`,
    'TransTimes=00:00;14:05',
    'TransInterval=1',
    'TransFlag=TransData AttLog\tOpLog\tEnrollUser\tChgUser',
    `TimeZone=${timeZoneOption(sink.timeZoneOf(serialNumber), (options.now ?? (() => new Date()))())}`,
    'Realtime=1',
    'Encrypt=None',
    '',
  ].join('\r\n');
}

/**
 * The handshake's TimeZone value: the zone's UTC offset at `instant` in the unit the terminal's
 * firmware reads. Firmwares disagree (reference §4, TimeZone): most read hours (5.5), some minutes
 * (330), and a wrong unit makes the terminal set its clock wrong.
 */
export function timeZoneOption({ zone, unit }: { zone: string; unit: AdmsTimeZoneUnit }, instant: Date): string {
  const hours = utcOffsetHours(zone, instant);
  return String(unit === 'minutes' ? Math.round(hours * 60) : hours);
}

/** The zone's UTC offset in hours at `instant` (5.5 for Asia/Kolkata). */
export function utcOffsetHours(timeZone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant);
  const offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset);
  if (!match) return 0;
  const hours = Number(match[2]) + Number(match[3]) / 60;
  return match[1] === '-' ? -hours : hours;
}
