// The HTTP side of ADMS ("iclock" push, docs/zk-protocol.md §4): devices call us. Known devices (by
// serial number) upload punches and users; unknown ones get nothing and wait for the user's
// approval.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AdmsTimeZoneUnit } from '../vocabulary';
import { createLogger } from '../log';
import { parseAttlogBody, parseOperlogUsers, type AdmsUser } from './adms-lines';
import { COMMANDS_PER_POLL, parseCommandResults, pollReply, type AdmsCommandResult } from './adms-commands';
import { readIclockQuery, STAMP } from './adms-query';
import { DEFAULT_STRANGER_BUDGET, StrangerThrottle, type RefusedStrangers, type StrangerBudget } from './adms-stranger-throttle';
import type { ImportedPunch, RowProblem } from './imported-punch';

/** Where the receiver puts what devices send; the app backs it with the journal. */
export interface AdmsSink {
  /**
   * True when this terminal, calling from this address, may upload: approved, enabled, and at the
   * address it was approved from, or proving the comm key it was approved with. Writes nothing.
   */
  admits(serialNumber: string, remoteAddress: string, pushCommKey: string | undefined): boolean;
  /** Remember that the device called (when, from where, and a move its comm key proved). */
  noteRequest(serialNumber: string, remoteAddress: string, pushCommKey: string | undefined): void;
  /** Stamps the device should resume uploading from, per table. */
  resumeStamps(serialNumber: string): { attlog: string; operlog: string };
  saveStamp(serialNumber: string, table: 'ATTLOG' | 'OPERLOG', stamp: string): void;
  savePunches(serialNumber: string, punches: ImportedPunch[]): { inserted: number };
  saveUsers(serialNumber: string, users: AdmsUser[]): void;
  /** The device's IANA zone and the unit its firmware reads, for its TimeZone option. */
  timeZoneOf(serialNumber: string): { zone: string; unit: AdmsTimeZoneUnit };
  noteMalformedLines(serialNumber: string, count: number, firstReason: string): void;
  /** Unapproved requests refused unheard in the last window (too many of them). */
  noteRefusedStrangers(summary: RefusedStrangers): void;
  /** The oldest commands waiting for this terminal, at most `limit`, now counted as sent. */
  takeCommands(serialNumber: string, limit: number): { id: number; command: string }[];
  /** What the terminal answered to commands it was sent. */
  saveCommandResults(serialNumber: string, results: readonly AdmsCommandResult[]): void;
}

export interface AdmsReceiverOptions {
  sink: AdmsSink;
  host?: string;
  port?: number;
  /** Largest upload accepted; a device splits bigger logs over several posts. */
  bodyLimitBytes?: number;
  /** Seconds between a device's command polls. */
  pollDelaySeconds?: number;
  /** How many unapproved requests are heard before the rest are refused unheard. */
  strangerBudget?: StrangerBudget;
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

const log = createLogger('adms');

export function buildAdmsServer(options: AdmsReceiverOptions): FastifyInstance {
  const { sink } = options;
  const now = options.now ?? (() => new Date());
  const strangers = new StrangerThrottle(options.strangerBudget ?? DEFAULT_STRANGER_BUDGET, () => now().getTime(), (summary) => sink.noteRefusedStrangers(summary));
  const server = Fastify({ bodyLimit: options.bodyLimitBytes ?? 4 * 1024 * 1024 });
  // Devices post plain text with whatever content type their firmware chose.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  server.setErrorHandler(answerError);
  server.addHook('onClose', async () => strangers.flush());

  /** Answers a bad query or an unapproved terminal; returns the serial and stamp when the request may go on. */
  const admit = (request: FastifyRequest, reply: FastifyReply) => {
    const query = readIclockQuery(request.query);
    if (!query.ok) {
      void reply.code(400).type('text/plain').send(query.message);
      return null;
    }
    const { serialNumber, pushCommKey } = query.value;
    if (sink.admits(serialNumber, request.ip, pushCommKey)) {
      sink.noteRequest(serialNumber, request.ip, pushCommKey);
      return query.value;
    }
    if (!strangers.admit(request.ip)) {
      void reply.code(429).type('text/plain').send('Too many requests from unapproved devices');
      return null;
    }
    sink.noteRequest(serialNumber, request.ip, pushCommKey);
    void reply.code(403).type('text/plain').send('Device not approved');
    return null;
  };

  server.get('/iclock/cdata', async (request, reply) => {
    const query = admit(request, reply);
    if (!query) return reply;
    return reply.type('text/plain').send(handshake(query.serialNumber, sink, options));
  });

  server.post('/iclock/cdata', async (request, reply) => {
    const query = admit(request, reply);
    if (!query) return reply;
    const { serialNumber, table, stamp } = query;
    const body = typeof request.body === 'string' ? request.body : '';
    if (table === 'ATTLOG') {
      const { punches, problems } = await parseAttlogBody(body, (options.now ?? (() => new Date()))());
      noteProblems(sink, serialNumber, problems);
      sink.savePunches(serialNumber, punches);
      if (stamp) sink.saveStamp(serialNumber, 'ATTLOG', stamp);
      return reply.type('text/plain').send(`OK: ${punches.length}`);
    }
    if (table === 'OPERLOG') {
      const { users, problems } = await parseOperlogUsers(body);
      noteProblems(sink, serialNumber, problems);
      sink.saveUsers(serialNumber, users);
      if (stamp) sink.saveStamp(serialNumber, 'OPERLOG', stamp);
    }
    // Photos, templates and options are accepted and not kept: attendance is what we are for.
    return reply.type('text/plain').send('OK');
  });

  server.get('/iclock/getrequest', async (request, reply) => {
    const query = admit(request, reply);
    if (!query) return reply;
    return reply.type('text/plain').send(pollReply(sink.takeCommands(query.serialNumber, COMMANDS_PER_POLL)));
  });

  server.post('/iclock/devicecmd', async (request, reply) => {
    const query = admit(request, reply);
    if (!query) return reply;
    const results = parseCommandResults(typeof request.body === 'string' ? request.body : '');
    if (results.length > 0) sink.saveCommandResults(query.serialNumber, results);
    return reply.type('text/plain').send('OK');
  });

  return server;
}

function noteProblems(sink: AdmsSink, serialNumber: string, problems: readonly RowProblem[]): void {
  if (problems.length > 0) sink.noteMalformedLines(serialNumber, problems.length, `line ${problems[0]!.line}: ${problems[0]!.reason}`);
}

/** A terminal gets a status and a word: the cause (often a database message) is for our log only. */
function answerError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return reply.code(status).type('text/plain').send(status === 413 ? 'Upload too large' : 'Bad request');
  log.error('ADMS request failed', error);
  return reply.code(500).type('text/plain').send('Server error');
}

function handshake(serialNumber: string, sink: AdmsSink, options: AdmsReceiverOptions): string {
  const stamps = sink.resumeStamps(serialNumber);
  // A stamp stored before stamps were checked could carry lines of its own: the terminal gets 0 (send all) instead.
  const stampOrZero = (stamp: string) => (STAMP.test(stamp) ? stamp : '0');
  return [
    `GET OPTION FROM: ${serialNumber}`,
    `ATTLOGStamp=${stampOrZero(stamps.attlog)}`,
    `OPERLOGStamp=${stampOrZero(stamps.operlog)}`,
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
 * firmware reads. Firmwares disagree (docs/zk-protocol.md §4, TimeZone): most read hours (5.5),
 * some minutes (330), and a wrong unit makes the terminal set its clock wrong.
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
