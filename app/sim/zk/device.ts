// The terminal itself, shared by every connection: its users, attendance log, clock, enabled state,
// option table and live punches. Sessions (one per TCP connection or UDP peer) act on it.
import { DeviceClock } from './device-clock';
import { fitsU32Pin, type ResolvedOptions, type ZkFaults } from './options';
import { writeRecords, writeUsers } from './record-writers';
import { seededRandom } from '../seeded-random';
import { buildRecords, buildUsers, type SimulatedRecord, type SimulatedUser } from './roster';
import { applyUserWrite, readWrittenUser, type UserWriteOutcome } from './user-table';
import { buildTemplates, readTemplateUpload, writeTemplates, type SimulatedTemplate } from './templates';

export interface LivePunch {
  userId: string;
  /** Default 0 (check-in). */
  state?: number;
  /** Default 1 (fingerprint). */
  verify?: number;
  /** Device wall-clock `YYYY-MM-DD HH:mm:ss`; default the device clock now. */
  time?: string;
}

/** A session that registered for realtime attendance events (CMD_REG_EVENT with EF_ATTLOG). */
export interface AttendanceEventSubscriber {
  sendAttendanceEvent(record: SimulatedRecord): void;
}

const FREE_SIZES_INTS = 23;
const NO_OWNER = Symbol('no owner');

export class SimulatedDevice {
  readonly clock: DeviceClock;
  users: SimulatedUser[];
  records: SimulatedRecord[];
  templates: SimulatedTemplate[];
  /** Punches made while the device was disabled: the terminal holds them until it is enabled. */
  readonly queuedPunches: SimulatedRecord[] = [];
  faults: ZkFaults;
  clearCount = 0;
  eventsSent = 0;
  eventsAcked = 0;
  authAttempts = 0;
  rejectedChecksums = 0;
  userWritesAccepted = 0;
  /** How many times CMD_DISABLEDEVICE was accepted, and the unlock timeout the last one asked for. */
  disableCount = 0;
  lastDisableTimeoutSeconds: number | null = null;
  chunkStalls = 0;
  private disabledBy: unknown = NO_OWNER;
  private autoUnlock: NodeJS.Timeout | undefined;
  private revision = 0;
  private readonly datasets = new Map<'users' | 'records' | 'templates', { revision: number; bytes: Buffer }>();
  private readonly subscribers = new Set<AttendanceEventSubscriber>();
  private readonly optionTable: Map<string, string>;

  constructor(readonly options: ResolvedOptions) {
    this.clock = new DeviceClock(options.clockOffsetSeconds);
    const random = seededRandom(options.seed);
    this.users = buildUsers(options, random);
    this.records = buildRecords(options, this.users, this.clock.nowMs(), random);
    // After the records, so that a seed gives the same users and records with or without fingers.
    this.templates = buildTemplates(this.users.map((user) => user.uid), options.templatesPerUser, random);
    this.faults = { ...options.faults };
    this.optionTable = new Map([
      ...(options.serialNumber === null ? [] : [['~SerialNumber', options.serialNumber] as const]),
      ['~Platform', options.platform],
      ['~DeviceName', options.deviceName],
      ...(options.macAddress === null ? [] : [['MAC', options.macAddress] as const]),
      ['~ZKFPVersion', '10'],
      ['ZKFaceVersion', '0'],
      ['~ExtendFmt', options.recordSize >= 40 ? '1' : '0'],
      ['~UserExtFmt', options.userRecordSize === 72 ? '1' : '0'],
      ['FaceFunOn', '0'],
      ['CompatOldFirmware', '0'],
      ['IPAddress', options.host],
      ['NetMask', '255.255.255.0'],
      ['GATEIPAddress', '0.0.0.0'],
      ['~OS', '1'],
      ['~OEMVendor', 'ZKTeco Inc.'],
      ['WorkCode', '0'],
      ['~PIN2Width', String(this.pinWidth)],
    ]);
  }

  get isDisabled(): boolean {
    return this.disabledBy !== NO_OWNER;
  }

  get pinWidth(): number {
    return this.options.longIds ? 14 : 9;
  }

  option(key: string): string | undefined {
    return this.optionTable.get(key);
  }

  setOption(key: string, value: string): void {
    this.optionTable.set(key, value);
  }

  /** The users dataset (u32 length + records), built once per change of the user list. */
  usersDataset(): Buffer {
    return this.dataset('users', () => writeUsers(this.users, this.options.userRecordSize, this.options.nameEncoding));
  }

  recordsDataset(): Buffer {
    return this.dataset('records', () => writeRecords(this.records, this.options.recordSize));
  }

  templatesDataset(): Buffer {
    return this.dataset('templates', () => writeTemplates(this.templates));
  }

  private dataset(kind: 'users' | 'records' | 'templates', build: () => Buffer): Buffer {
    const cached = this.datasets.get(kind);
    if (cached && cached.revision === this.revision) return cached.bytes;
    const bytes = build();
    this.datasets.set(kind, { revision: this.revision, bytes });
    return bytes;
  }

  /** CMD_GET_FREE_SIZES: 23 little-endian i32 (docs/zk-protocol.md §1.8). */
  freeSizes(): Buffer {
    const sizes = Buffer.alloc(FREE_SIZES_INTS * 4);
    const put = (index: number, value: number) => sizes.writeInt32LE(value, index * 4);
    const { userCapacity, recordCapacity, fingerCapacity } = this.options;
    put(4, this.users.length);
    put(6, this.templates.length);
    put(8, this.reportedRecordCount());
    put(12, this.users.filter((user) => user.privilege > 1).length);
    put(13, this.users.filter((user) => user.password !== '').length);
    put(14, fingerCapacity);
    put(15, userCapacity);
    put(16, recordCapacity);
    put(17, fingerCapacity);
    put(18, Math.max(0, userCapacity - this.users.length));
    put(19, Math.max(0, recordCapacity - this.records.length));
    return sizes;
  }

  private reportedRecordCount(): number {
    const actual = this.records.length;
    switch (this.faults.misreportRecordCount) {
      case 'half':
        return Math.floor(actual / 2);
      case 'one-more':
        return actual + 1;
      case 'one-less':
        return Math.max(0, actual - 1);
      default:
        return actual;
    }
  }

  clearRecords(): void {
    this.records = [];
    this.clearCount++;
    this.revision++;
  }

  clearUsers(): void {
    this.users = [];
    this.revision++;
  }

  /** CMD_USER_WRQ. With `crashAfterUserWrites` the terminal freezes instead of taking one more. */
  writeUser(data: Buffer): UserWriteOutcome | 'frozen' {
    const { crashAfterUserWrites } = this.faults;
    if (crashAfterUserWrites !== null && this.userWritesAccepted >= crashAfterUserWrites) {
      this.faults = { ...this.faults, silent: true };
      return 'frozen';
    }
    const written = readWrittenUser(data, this.options.userRecordSize, this.options.nameEncoding);
    const outcome = written ? applyUserWrite(this.users, written, this.options.userCapacity) : 'refused';
    if (outcome === 'written') {
      this.userWritesAccepted++;
      this.revision++;
    }
    return outcome;
  }

  /** CMD_DELETE_USER: false for a uid the terminal does not hold. */
  deleteUser(uid: number): boolean {
    const index = this.users.findIndex((user) => user.uid === uid);
    if (index === -1) return false;
    this.users.splice(index, 1);
    this.templates = this.templates.filter((finger) => finger.uid !== uid);
    this.revision++;
    return true;
  }

  /**
   * _CMD_SAVE_USERTEMPS: the uploaded user is written as by CMD_USER_WRQ and its fingers replace
   * the ones at the same indexes. Refused whole when the upload is malformed, the user cannot be
   * written, or the fingerprint store would overflow.
   */
  saveUserTemplates(upload: Buffer): boolean {
    const parsed = readTemplateUpload(upload, this.options.userRecordSize);
    if (!parsed) return false;
    const user = readWrittenUser(parsed.userRecord, this.options.userRecordSize, this.options.nameEncoding);
    if (!user || parsed.fingers.some((finger) => finger.uid !== user.uid)) return false;
    const replaced = (finger: SimulatedTemplate) => finger.uid === user.uid && parsed.fingers.some((incoming) => incoming.fid === finger.fid);
    const kept = this.templates.filter((finger) => !replaced(finger));
    if (kept.length + parsed.fingers.length > this.options.fingerCapacity) return false;
    const users = [...this.users];
    if (applyUserWrite(users, user, this.options.userCapacity) !== 'written') return false;
    this.users = users;
    this.templates = [...kept, ...parsed.fingers.map((finger) => ({ ...finger, valid: 1 }))];
    this.revision++;
    return true;
  }

  /**
   * `owner` is the session that disabled it; when that session ends, the device enables itself
   * (unless told to stay disabled as field units do). A timeout in seconds unlocks it on its own.
   */
  disable(owner: unknown, timeoutSeconds: number | null): void {
    this.disableCount++;
    this.lastDisableTimeoutSeconds = timeoutSeconds;
    if (this.faults.ignoreDisable) return;
    this.disabledBy = owner;
    clearTimeout(this.autoUnlock);
    if (timeoutSeconds) this.autoUnlock = setTimeout(() => this.enable(), timeoutSeconds * 1000).unref();
  }

  enable(): void {
    clearTimeout(this.autoUnlock);
    this.disabledBy = NO_OWNER;
    const held = this.queuedPunches.splice(0);
    for (const record of held) this.logPunch(record);
  }

  // A client that crashes between DISABLE and ENABLE must not leave demo mode holding punches for ever.
  sessionEnded(owner: unknown): void {
    this.subscribers.delete(owner as AttendanceEventSubscriber);
    if (this.disabledBy === owner && !this.faults.staysDisabledAfterDisconnect) this.enable();
  }

  subscribe(subscriber: AttendanceEventSubscriber): void {
    this.subscribers.add(subscriber);
  }

  unsubscribe(subscriber: AttendanceEventSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  get eventSubscribers(): number {
    return this.subscribers.size;
  }

  punch(punch: LivePunch): SimulatedRecord {
    if (this.options.recordSize === 16 && !fitsU32Pin(punch.userId)) {
      throw new RangeError(`A device with 16-byte records cannot log user id "${punch.userId}": it holds ids as a u32`);
    }
    const record: SimulatedRecord = {
      uid: this.users.find((user) => user.userId === punch.userId)?.uid ?? 0,
      userId: punch.userId,
      time: punch.time ?? this.clock.nowText(),
      state: punch.state ?? 0,
      verify: punch.verify ?? 1,
    };
    if (this.isDisabled) this.queuedPunches.push(record);
    else this.logPunch(record);
    return record;
  }

  private logPunch(record: SimulatedRecord): void {
    this.records.push(record);
    this.revision++;
    for (const subscriber of this.subscribers) subscriber.sendAttendanceEvent(record);
  }
}
