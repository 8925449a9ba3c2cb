// A logged-in device: the commands Punchbridge uses, one at a time on the session.
import { decodeAttendanceLog, type AttendanceLog, type AttendanceRecord, type InvalidRecord } from './attendance-records';
import { readBuffered, type ProgressCallback } from './buffered-read';
import { openSession, type ZkConnectOptions } from './connect';
import {
  CMD_ATTLOG_RRQ,
  CMD_CLEAR_ATTLOG,
  CMD_DELETE_USER,
  CMD_DISABLEDEVICE,
  CMD_ENABLEDEVICE,
  CMD_EXIT,
  CMD_GET_FREE_SIZES,
  CMD_GET_TIME,
  CMD_GET_VERSION,
  CMD_OPTIONS_RRQ,
  CMD_REFRESHDATA,
  CMD_SET_TIME,
  CMD_USER_WRQ,
  CMD_USERTEMP_RRQ,
  FCT_USER,
  MAX_CHUNK_TCP,
  MAX_CHUNK_UDP,
} from './constants';
import { malformedData, ZkError } from './errors';
import { decodeFreeSizes, type ZkSizes } from './free-sizes';
import { streamLiveEvents, type LiveEventOptions } from './live-events';
import type { ZkSession } from './session';
import { createNameDecoder } from './text-fields';
import { decodeUserTable, type UserRecordSize, type ZkUser } from './user-records';
import { encodeUserDelete, encodeUserWrite, type ZkUserWrite } from './user-writes';
import { encodeTemplateUpload, readTemplates, uploadUserTemplates, type ZkTemplate } from './templates';
import { decodeZkTime, encodeZkTime, formatWallClock, isRealCalendarTime, parseWallClock } from './wall-clock';

export interface AttendanceReadout {
  records: AttendanceRecord[];
  /** Records that cannot become punches (impossible dates, no user id), with the reason. */
  invalid: InvalidRecord[];
  /** The count GET_FREE_SIZES gave just before the read; a miscounting device differs from records + invalid. */
  reportedCount: number;
  /** Bytes after the last whole record: some of the log could not be read. */
  strayBytes: number;
  /** What a person should know about this read that is not a failure, in plain words. */
  warnings: string[];
}

export interface UserTable {
  users: ZkUser[];
  recordSize: UserRecordSize;
}

export interface ZkDevice {
  readonly transport: 'tcp' | 'udp';
  readonly sessionId: number;
  getSerialNumber(): Promise<string>;
  /** The `MAC` option, e.g. "00:17:61:50:42:01"; some firmwares refuse it. */
  getMacAddress(): Promise<string>;
  getFirmwareVersion(): Promise<string>;
  getDeviceName(): Promise<string>;
  getPlatform(): Promise<string>;
  getSizes(): Promise<ZkSizes>;
  /** Device wall-clock time, `YYYY-MM-DD HH:mm:ss`. */
  getTime(): Promise<string>;
  setTime(wallClock: string): Promise<void>;
  /**
   * Locks the keypad (CMD_DISABLEDEVICE). With `autoUnlockSeconds` the terminal unlocks itself after
   * that long even if no ENABLEDEVICE ever comes (the PC slept, the link dropped).
   */
  disable(autoUnlockSeconds?: number): Promise<void>;
  enable(): Promise<void>;
  clearAttendance(): Promise<void>;
  readUsers(onProgress?: ProgressCallback): Promise<ZkUser[]>;
  /** The users and the record layout writes must use (from the list, or `~UserExtFmt` when it is empty). */
  readUserTable(): Promise<UserTable>;
  /** CMD_USER_WRQ: adds the user, or overwrites the one with the same uid. Call refreshData after a batch. */
  writeUser(user: ZkUserWrite, recordSize: UserRecordSize): Promise<void>;
  /** CMD_DELETE_USER by uid (the device also drops that user's templates). */
  deleteUser(uid: number): Promise<void>;
  /** CMD_REFRESHDATA: the terminal reloads its tables, so written users can be used at the keypad. */
  refreshData(): Promise<void>;
  /** Every fingerprint template on the terminal. */
  readTemplates(): Promise<ZkTemplate[]>;
  /** Writes the user (by uid) together with these fingers, replacing the fingers it had at those indexes. */
  writeUserTemplates(user: ZkUserWrite, recordSize: UserRecordSize, templates: readonly Pick<ZkTemplate, 'fid' | 'template'>[]): Promise<void>;
  readAttendance(onProgress?: ProgressCallback): Promise<AttendanceReadout>;
  /**
   * Live punches (CMD_REG_EVENT), each event ACKed; ends when `signal` aborts. A connection quiet
   * for `heartbeatMs` (default 30 s) is checked with a time request, and fails if the device is gone.
   */
  liveEvents(options?: LiveEventOptions): AsyncIterable<AttendanceRecord>;
  /** CMD_EXIT, then closes the socket. Safe to call more than once. */
  disconnect(): Promise<void>;
}

/** Connects and logs in (comm key). Rejects with ZkError. */
export async function connectZk(options: ZkConnectOptions): Promise<ZkDevice> {
  const nameEncoding = options.nameEncoding ?? 'utf-8';
  createNameDecoder(nameEncoding); // an unknown label is a settings bug: fail before touching the network
  const { session, kind } = await openSession(options);
  return new ZkDeviceConnection(session, kind, nameEncoding);
}

const EXIT_TIMEOUT_MS = 1000;

class ZkDeviceConnection implements ZkDevice {
  private queue: Promise<unknown> = Promise.resolve();
  private disconnecting: Promise<void> | null = null;

  constructor(
    private readonly session: ZkSession,
    readonly transport: 'tcp' | 'udp',
    private readonly nameEncoding: string,
  ) {}

  get sessionId(): number {
    return this.session.sessionId;
  }

  getSerialNumber = () => this.readOption('~SerialNumber', 'the serial number request');
  getMacAddress = () => this.readOption('MAC', 'the MAC address request');
  getDeviceName = () => this.readOption('~DeviceName', 'the device name request');
  getPlatform = () => this.readOption('~Platform', 'the platform request');

  getFirmwareVersion(): Promise<string> {
    return this.exclusive(async () => nulTerminated(await this.session.expectOk(CMD_GET_VERSION, 'the firmware version request')));
  }

  getSizes(): Promise<ZkSizes> {
    return this.exclusive(async () => decodeFreeSizes(await this.session.expectOk(CMD_GET_FREE_SIZES, 'the size request')));
  }

  getTime(): Promise<string> {
    return this.exclusive(async () => {
      const data = await this.session.expectOk(CMD_GET_TIME, 'the time request');
      if (data.length < 4) throw malformedData(`a time of ${data.length} bytes`);
      return formatWallClock(decodeZkTime(data.readUInt32LE(0)));
    });
  }

  setTime(wallClock: string): Promise<void> {
    const parts = parseWallClock(wallClock);
    if (!parts || !isRealCalendarTime(parts) || parts.year < 2000 || parts.year > 2099) {
      throw new RangeError(`"${wallClock}" is not a device time (YYYY-MM-DD HH:mm:ss, 2000-2099)`);
    }
    const data = Buffer.alloc(4);
    data.writeUInt32LE(encodeZkTime(parts));
    return this.exclusive(async () => {
      await this.session.expectOk(CMD_SET_TIME, 'the new time', data);
      await this.session.expectOk(CMD_REFRESHDATA, 'the refresh request');
    });
  }

  // The SDK's DisableDeviceWithTimeOut sends the seconds as a u32 after the command; firmware that
  // has no timeout ignores the data (pyzk sends none, node-zklib four zero bytes: "no timeout").
  disable = (autoUnlockSeconds?: number) =>
    this.exclusive(async () => {
      const timeout = autoUnlockSeconds === undefined ? undefined : u32LittleEndian(autoUnlockSeconds);
      await this.session.expectOk(CMD_DISABLEDEVICE, 'the request to lock its keypad (disable)', timeout);
    });
  enable = () => this.simple(CMD_ENABLEDEVICE, 'the request to unlock its keypad (enable)');

  clearAttendance(): Promise<void> {
    return this.exclusive(async () => {
      await this.clearLog();
      // The log is gone once CLEAR_ATTLOG is acknowledged; REFRESHDATA only redraws the screen's
      // counters, and firmware that refuses it has still cleared.
      await this.session.expectOk(CMD_REFRESHDATA, 'the refresh request', undefined, 'slow').catch((error: unknown) => {
        if (!(error instanceof ZkError && error.code === 'device-refused')) throw error;
      });
    });
  }

  readUsers(onProgress?: ProgressCallback): Promise<ZkUser[]> {
    return this.exclusive(async () => (await this.readUserList(onProgress))?.users ?? []);
  }

  readUserTable(): Promise<UserTable> {
    return this.exclusive(async () => {
      const table = await this.readUserList();
      if (table) return table;
      // An empty list shows no layout; TFT firmware says "~UserExtFmt=1" for 72-byte users (pyzk).
      const extended = await this.session.expectOk(CMD_OPTIONS_RRQ, 'the user format request', Buffer.from('~UserExtFmt\0', 'latin1')).then(
        (data) => nulTerminated(data).endsWith('=1'),
        (error: unknown) => {
          if (error instanceof ZkError && error.code === 'device-refused') return false;
          throw error;
        },
      );
      return { users: [], recordSize: extended ? 72 : 28 };
    });
  }

  writeUser(user: ZkUserWrite, recordSize: UserRecordSize): Promise<void> {
    const data = encodeUserWrite(user, recordSize, this.nameEncoding);
    return this.exclusive(async () => void (await this.session.expectOk(CMD_USER_WRQ, `the new details of user ${user.userId}`, data)));
  }

  deleteUser(uid: number): Promise<void> {
    return this.exclusive(async () => void (await this.session.expectOk(CMD_DELETE_USER, `the removal of user #${uid}`, encodeUserDelete(uid))));
  }

  refreshData = () => this.simple(CMD_REFRESHDATA, 'the refresh request');

  readTemplates(): Promise<ZkTemplate[]> {
    return this.exclusive(async () => {
      const sizes = decodeFreeSizes(await this.session.expectOk(CMD_GET_FREE_SIZES, 'the size request'));
      return sizes.fingers === 0 ? [] : readTemplates(this.session, this.chunkSize);
    });
  }

  writeUserTemplates(user: ZkUserWrite, recordSize: UserRecordSize, templates: readonly Pick<ZkTemplate, 'fid' | 'template'>[]): Promise<void> {
    const upload = encodeTemplateUpload(encodeUserWrite(user, recordSize, this.nameEncoding), user.uid, templates);
    return this.exclusive(() => uploadUserTemplates(this.session, upload, user.userId));
  }

  private async readUserList(onProgress?: ProgressCallback) {
    const sizes = decodeFreeSizes(await this.session.expectOk(CMD_GET_FREE_SIZES, 'the size request'));
    if (sizes.users === 0) return null;
    const dataset = await readBuffered(this.session, { command: CMD_USERTEMP_RRQ, fct: FCT_USER, what: 'the user list request' }, this.chunkSize, onProgress);
    return decodeUserTable(dataset, sizes.users, this.nameEncoding);
  }

  async readAttendance(onProgress?: ProgressCallback): Promise<AttendanceReadout> {
    const read = await this.exclusive(async () => {
      const sizes = decodeFreeSizes(await this.session.expectOk(CMD_GET_FREE_SIZES, 'the size request'));
      if (sizes.records === 0) return null;
      const dataset = await readBuffered(this.session, { command: CMD_ATTLOG_RRQ, fct: 0, what: 'the attendance log request' }, this.chunkSize, onProgress);
      if (isEmptyDataset(dataset)) return { dataset, count: sizes.records, log: null };
      return { dataset, count: sizes.records, log: decodeAttendanceLog(dataset, sizes.records) };
    });
    if (read === null) return { records: [], invalid: [], reportedCount: 0, strayBytes: 0, warnings: [] };
    // pyzk returns no records here too; the count alone is no punch we could keep.
    if (read.log === null) return { records: [], invalid: [], reportedCount: read.count, strayBytes: 0, warnings: [emptyLogWarning(read.count)] };
    const readout = ({ records, invalid, reportedCount, strayBytes }: AttendanceLog) => ({ records, invalid, reportedCount, strayBytes, warnings: [] });
    if (read.log.recordSize !== 8) return readout(read.log);
    // 8-byte records carry only the device's uid; the user
    // list maps it to the PIN (docs/zk-protocol.md §1.10).
    const users = await this.readUsers();
    return readout(decodeAttendanceLog(read.dataset, read.count, new Map(users.map((user) => [user.uid, user.userId]))));
  }

  liveEvents(options: LiveEventOptions = {}): AsyncIterable<AttendanceRecord> {
    return streamLiveEvents({ session: this.session, exclusive: (work) => this.exclusive(work), readUsers: () => this.readUsers() }, options);
  }

  disconnect(): Promise<void> {
    this.disconnecting ??= this.sayGoodbye();
    return this.disconnecting;
  }

  private async sayGoodbye(): Promise<void> {
    await this.queue;
    if (this.session.isOpen) {
      // The device answers EXIT with ACK_OK; a device that stays silent must not hold us up.
      let timer: NodeJS.Timeout | undefined;
      const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_TIMEOUT_MS)));
      await Promise.race([this.session.request(CMD_EXIT, 'the goodbye').catch(() => undefined), patience]);
      clearTimeout(timer);
    }
    await this.session.close();
  }

  /**
   * Wiping a full log on a slow CPU can outlast even the long wait. The device then answers our
   * next request only when done, so we ask its count: an empty log means the clear went through.
   */
  private async clearLog(): Promise<void> {
    try {
      await this.session.expectOk(CMD_CLEAR_ATTLOG, 'the request to clear its attendance log', undefined, 'slow');
    } catch (error) {
      if (!(error instanceof ZkError && error.code === 'timeout')) throw error;
      const sizes = await this.session.expectOk(CMD_GET_FREE_SIZES, 'the size request after the clear', undefined, 'slow').catch(() => null);
      if (sizes === null || decodeFreeSizes(sizes).records !== 0) throw error;
    }
  }

  private get chunkSize(): number {
    return this.transport === 'tcp' ? MAX_CHUNK_TCP : MAX_CHUNK_UDP;
  }

  private readOption(key: string, what: string): Promise<string> {
    return this.exclusive(async () => {
      const text = nulTerminated(await this.session.expectOk(CMD_OPTIONS_RRQ, what, Buffer.from(`${key}\0`, 'latin1')));
      const equals = text.indexOf('=');
      return equals === -1 ? text : text.slice(equals + 1);
    });
  }

  private simple(command: number, what: string): Promise<void> {
    return this.exclusive(async () => void (await this.session.expectOk(command, what)));
  }

  /** Commands run one after another: replies on one socket cannot be told apart otherwise. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** A dataset without its size field, or one whose size field says no bytes follow. */
function isEmptyDataset(dataset: Buffer): boolean {
  return dataset.length < 4 || dataset.readUInt32LE(0) === 0;
}

function emptyLogWarning(count: number): string {
  return `The device reports ${count.toLocaleString('en-US')} records but sent none when asked for them; nothing was read. If its screen shows punches, restart the device and sync again.`;
}

function nulTerminated(data: Buffer): string {
  const end = data.indexOf(0);
  return data.toString('utf8', 0, end === -1 ? data.length : end).trim();
}

function u32LittleEndian(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}
