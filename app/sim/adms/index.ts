// A terminal that pushes over ADMS (docs/zk-protocol.md §4), for tests and the demo: it registers
// with a handshake, uploads ATTLOG lines from the stamp the server gave, polls for commands, and
// sets its clock from the server's Date header and the TimeZone option, read in its firmware's
// unit.
import { request } from 'node:http';
import { formatWallClock, wallClockPartsFromUtcFields } from '../../zk/wall-clock';

export interface AdmsPunch {
  userId: string;
  time: string;
  state: number;
  verify: number;
}

export interface AdmsDeviceSimulatorOptions {
  serverUrl: string;
  serialNumber: string;
  /** How this firmware reads the handshake's TimeZone option (docs/zk-protocol.md §4); default hours. */
  timeZoneUnit?: 'hours' | 'minutes';
  /**
   * The address the terminal calls from (a 127.x.y.z one on this machine), to play a terminal that
   * moved to another DHCP lease, or a forger using its serial from another computer.
   */
  localAddress?: string;
  /**
   * The Comm Key set on the terminal's cloud server page. Push firmware sends it as `pushcommkey` on
   * its registration handshake only, never on uploads or polls (ZKTeco PUSH SDK, svr_init).
   */
  pushCommKey?: string;
  /**
   * The Return code this terminal answers to every command instead of running it: -1002 is what
   * real firmware answers to syntax it does not take (docs/zk-protocol.md §4).
   */
  refuseCommandsWith?: number;
}

/** A user as the terminal holds it after a DATA UPDATE USERINFO. */
export interface AdmsTerminalUser {
  userId: string;
  name: string;
  privilege: number;
}

export interface AdmsCommandAnswer {
  id: number;
  command: string;
  returnCode: number;
}

interface SimulatorResponse {
  status: number;
  body: string;
}

export interface HandshakeOptions {
  [key: string]: string;
}

export class AdmsDeviceSimulator {
  private readonly log: AdmsPunch[] = [];
  /** The server's clock as the device last saw it in an HTTP Date header. */
  serverDate: Date | null = null;
  /** The TimeZone option of the last handshake, as sent. */
  private timeZoneOption: string | null = null;
  /** The users on the terminal, by PIN, as uploadUsers and commands left them. */
  readonly users = new Map<string, AdmsTerminalUser>();

  constructor(private readonly options: AdmsDeviceSimulatorOptions) {}

  punch(punch: AdmsPunch): void {
    this.log.push(punch);
  }

  /** GET /iclock/cdata?options=all; returns the options block, or the HTTP status when refused. */
  async handshake(): Promise<{ status: number; options: HandshakeOptions }> {
    const registration = { options: 'all', pushver: '2.4.1', language: '69', ...(this.options.pushCommKey ? { pushcommkey: this.options.pushCommKey } : {}) };
    const response = await this.send('GET', this.url('/iclock/cdata', registration));
    const body = response.body;
    const options: HandshakeOptions = {};
    for (const line of body.split(/\r?\n/).slice(1)) {
      const equals = line.indexOf('=');
      if (equals > 0) options[line.slice(0, equals)] = line.slice(equals + 1);
    }
    if (options.TimeZone !== undefined) this.timeZoneOption = options.TimeZone;
    return { status: response.status, options };
  }

  /**
   * The terminal's wall clock, `YYYY-MM-DD HH:mm:ss`, as it set it from the last Date header and
   * TimeZone option; null before a handshake. A TimeZone sent in the wrong unit shows here.
   */
  clock(): string | null {
    if (this.serverDate === null || this.timeZoneOption === null) return null;
    const offset = Number(this.timeZoneOption);
    if (!Number.isFinite(offset)) return null;
    const offsetMinutes = (this.options.timeZoneUnit ?? 'hours') === 'minutes' ? offset : offset * 60;
    return formatWallClock(wallClockPartsFromUtcFields(new Date(this.serverDate.getTime() + offsetMinutes * 60_000)));
  }

  /** Uploads every punch after `fromIndex` (how the stamp resumes), as one ATTLOG post. */
  async uploadAttendance(fromIndex = 0, extraLines: string[] = []): Promise<{ status: number; body: string }> {
    const lines = this.log.slice(fromIndex).map((punch) => [punch.userId, punch.time, punch.state, punch.verify, 0, 0, 0].join('\t'));
    return this.post('ATTLOG', [...lines, ...extraLines].join('\n'), String(this.log.length));
  }

  /** Enrols these users on the terminal (as at its keypad) and uploads them as OPERLOG USER lines. */
  async uploadUsers(users: { userId: string; name: string; privilege?: number; card?: number }[]): Promise<{ status: number; body: string }> {
    for (const user of users) this.users.set(user.userId, { userId: user.userId, name: user.name, privilege: user.privilege ?? 0 });
    const body = users
      .map((user) => `USER PIN=${user.userId}\tName=${user.name}\tPri=${user.privilege ?? 0}\tPasswd=\tCard=${user.card ?? 0}\tGrp=1\tTZ=0000000100000000\tVerify=0\tViceCard=`)
      .join('\n');
    return this.post('OPERLOG', body, String(users.length));
  }

  /**
   * Posts a body as written, for the field's faulty firmwares: absurd numbers, stray line ends,
   * lines that do not parse. The stamp is the line count, as a real terminal sends it.
   */
  async uploadRaw(table: 'ATTLOG' | 'OPERLOG', body: string): Promise<{ status: number; body: string }> {
    return this.post(table, body, String(body.split('\n').length));
  }

  async poll(): Promise<{ status: number; body: string }> {
    const response = await this.send('GET', this.url('/iclock/getrequest', { INFO: 'Ver 8.0.4,1,0,1,192.168.1.201,10,7,12,1,111' }));
    return { status: response.status, body: response.body };
  }

  /**
   * One poll as firmware does it: runs every `C:<id>:<command>` line of the reply in order and
   * posts one `ID=..&Return=..&CMD=..` line per command to /iclock/devicecmd. Returns the answers.
   */
  async pollAndRun(): Promise<AdmsCommandAnswer[]> {
    const { body } = await this.poll();
    const answers: AdmsCommandAnswer[] = [];
    for (const line of body.split(/\r?\n/)) {
      const match = /^C:(\d+):(.*)$/.exec(line);
      if (!match) continue;
      const command = match[2]!;
      answers.push({ id: Number(match[1]), command, returnCode: this.options.refuseCommandsWith ?? this.run(command) });
    }
    if (answers.length > 0) {
      const results = answers.map(({ id, command, returnCode }) => `ID=${id}&Return=${returnCode}&CMD=${command.split(' ')[0]}`).join('\n');
      await this.send('POST', this.url('/iclock/devicecmd', {}), results);
    }
    return answers;
  }

  /**
   * Uploads the users the terminal holds now as OPERLOG USER lines, as firmware does after its
   * users changed; a removed user is simply no longer among them.
   */
  async uploadOwnUsers(): Promise<{ status: number; body: string }> {
    return this.uploadUsers([...this.users.values()]);
  }

  /** Runs one command against the user list; returns its Return code. */
  private run(command: string): number {
    const match = /^DATA (UPDATE|DELETE) USERINFO (.*)$/.exec(command);
    if (!match) return -1002;
    const fields = new Map(match[2]!.split('\t').map((field) => [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)]));
    const userId = fields.get('PIN');
    if (!userId) return -1002;
    if (match[1] === 'DELETE') {
      this.users.delete(userId);
      return 0;
    }
    const known = this.users.get(userId);
    this.users.set(userId, { userId, name: fields.get('Name') ?? known?.name ?? '', privilege: Number(fields.get('Pri') ?? known?.privilege ?? 0) });
    return 0;
  }

  private async post(table: string, body: string, stamp: string): Promise<{ status: number; body: string }> {
    const response = await this.send('POST', this.url('/iclock/cdata', { table, Stamp: stamp }), body);
    return { status: response.status, body: response.body };
  }

  /** One HTTP exchange from the terminal's own address; the server's Date header sets its clock. */
  private send(method: 'GET' | 'POST', url: string, body?: string): Promise<SimulatorResponse> {
    return new Promise((resolve, reject) => {
      const headers = body === undefined ? {} : { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) };
      const outgoing = request(url, { method, headers, localAddress: this.options.localAddress }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const date = incoming.headers.date;
          if (date) this.serverDate = new Date(date);
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  private url(path: string, query: Record<string, string>): string {
    const url = new URL(path, this.options.serverUrl);
    url.searchParams.set('SN', this.options.serialNumber);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }
}
