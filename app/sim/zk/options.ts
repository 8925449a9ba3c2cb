// What a simulated terminal is made of, and the faults it can be told to commit.

export type AttendanceRecordSize = 8 | 16 | 40 | 49;
export type UserRecordSize = 28 | 72;
/** Realtime attendance event data lengths (docs/zk-protocol.md §1.9); 18 is a layout no firmware uses. */
export type LiveEventSize = 10 | 12 | 14 | 18 | 32 | 36;
/** Buffer encodings a device's names are written in: pyzk's default UTF-8, or a Windows ANSI code page. */
export type NameEncoding = 'utf8' | 'latin1';

/** Switches for the faults a client must survive; each can change while the simulator runs. */
export interface ZkFaults {
  /** Write each chunk's PREPARE_DATA, DATA and ACK_OK in one TCP write (what breaks node-zklib). */
  coalesceChunks: boolean;
  /**
   * Send with Nagle's algorithm on, as embedded TCP stacks do: a reply's small closing packet
   * then waits for the client's ACK of what went before, which a client that sends nothing
   * meanwhile delays by 40 ms (Linux) to 200 ms (Windows) per chunk.
   */
  nagle: boolean;
  /** Close a connection once this many bytes were sent on it (UDP: stop answering that client). */
  dropAfterBytes: number | null;
  /** Wait this long before every reply. */
  delayMs: number;
  /** Take this long to prepare a dataset (CMD_PREPARE_BUFFER), as a slow CPU with a full log does. */
  slowPrepareMs: number;
  /** Take this long before answering each chunk (CMD_READ_BUFFER). */
  slowChunkMs: number;
  /** Take this long to answer a clear (CMD_CLEAR_ATTLOG, CMD_CLEAR_DATA); the log itself is gone at once. */
  slowClearMs: number;
  /** UDP: lose every Nth datagram of chunk data (CMD_DATA answering READ_BUFFER), as a lossy Wi-Fi link does. */
  dropEveryNthDatagram: number | null;
  /** UDP: send every Nth datagram twice, as a link that retransmits at the wrong layer does. */
  repeatEveryNthDatagram: number | null;
  /** Answer CMD_ACK_ERROR to this command code. */
  ackErrorFor: number | null;
  /** Answer CMD_ACK_UNKNOWN (0xFFFF) to this command code, as firmwares without the command do. */
  ackUnknownFor: number | null;
  /** Count the records in GET_FREE_SIZES but answer the attendance read with an empty buffer. */
  emptyAttendanceBuffer: boolean;
  /** Accept connections and datagrams but never answer. */
  silent: boolean;
  /** Send every packet with a wrong checksum. */
  wrongChecksum: boolean;
  /** Stop listening on TCP, so that connecting is refused (UDP fallback tests). */
  refuseTcp: boolean;
  /** Close the UDP socket, so that datagrams are refused. */
  refuseUdp: boolean;
  /** GET_FREE_SIZES reports a record count that is not the log's (some firmwares do); the data stays whole. */
  misreportRecordCount: 'half' | 'one-more' | 'one-less' | null;
  /** Answer CMD_DISABLEDEVICE with ACK_OK but keep taking punches into the log. */
  ignoreDisable: boolean;
  /**
   * A session that ends while the device is disabled leaves it disabled, as field units do: only
   * CMD_ENABLEDEVICE or the disable command's own timeout unlocks it.
   */
  staysDisabledAfterDisconnect: boolean;
  /**
   * After this many accepted user writes the terminal freezes (no answer to anything, as after a
   * power cut mid-enrolment): the write that would be one more is never stored.
   */
  crashAfterUserWrites: number | null;
}

export interface ZkSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** TCP and UDP port; default 0 picks a free one (read it from `simulator.port`). */
  port?: number;
  /** Device password; 0 (default) means none. */
  commKey?: number;
  /** '' answers an empty serial, null refuses the request (ACK_ERROR), as some OEM firmwares do. */
  serialNumber?: string | null;
  /** The `MAC` option; null refuses it. Default 00:17:61:50:42:01. */
  macAddress?: string | null;
  firmware?: string;
  deviceName?: string;
  platform?: string;
  /** Enrolled users; default 10. */
  userCount?: number;
  /** Attendance records already in the log; default 50. */
  recordCount?: number;
  /**
   * Instead of `recordCount` records spread over a week: this many days of a day shift, each user
   * punching in at 08:30-09:30 and out at 17:00-18:00 on the device clock, today up to now. Default 0
   * (the spread log).
   */
  shiftLogDays?: number;
  /**
   * With `shiftLogDays`: no punch today, though the shift hours have come: a terminal that answers
   * but takes no punch (a dead sensor, a door locked in front of it). Default false.
   */
  quietToday?: boolean;
  /** 13-digit user ids sharing their first 9 digits (needs 40/49-byte records and 72-byte users). */
  longIds?: boolean;
  /** Default 72 (TFT); 28 is the B/W layout. */
  userRecordSize?: UserRecordSize;
  /** Default 40 (TFT). */
  recordSize?: AttendanceRecordSize;
  /** Default 'utf8'. */
  nameEncoding?: NameEncoding;
  /** Same seed, same users and records (relative to the device clock at start). Default 1. */
  seed?: number;
  /** Device clock = this PC's local time + this many seconds. Default 0. */
  clockOffsetSeconds?: number;
  /** Put one record dated February 31 in the log, as a device does after a power loss. */
  includeInvalidDate?: boolean;
  /** Put one record whose user id bytes are control characters, as damaged flash reads back. */
  includeGarbledUserId?: boolean;
  /** Fingerprint templates enrolled per user, from finger 0 up; default 0. */
  templatesPerUser?: number;
  userCapacity?: number;
  recordCapacity?: number;
  fingerCapacity?: number;
  /** Split each chunk's data into CMD_DATA packets of this size on TCP (some firmwares use 1008). */
  tcpDataPieceSize?: number;
  /**
   * Pause between the packets of a chunk on TCP, in ms. Default 0: the simulator only yields, which
   * keeps them apart for a client in the same process; clients in another process that need them
   * apart (node-zklib) want 1 ms or more, as a real device's link gives them.
   */
  packetGapMs?: number;
  /**
   * Realtime attendance event data length: 32 (TFT capture, default), 36 (what node-zklib expects),
   * 10 / 14 (old B/W firmware: the internal user number), 12 (the PIN as a u32), 18 (unknown layout).
   */
  eventSize?: LiveEventSize;
  /** Give every session this id instead of a random one (golden-byte tests against captured transcripts). */
  sessionId?: number;
  /** Answer packets whose checksum is wrong with CMD_ACK_ERROR instead of serving them. */
  strictChecksums?: boolean;
  faults?: Partial<ZkFaults>;
}

export type ResolvedOptions = Required<Omit<ZkSimulatorOptions, 'faults' | 'tcpDataPieceSize' | 'sessionId'>> & {
  tcpDataPieceSize: number | null;
  sessionId: number | null;
  faults: ZkFaults;
};

export const NO_FAULTS: ZkFaults = {
  coalesceChunks: false,
  nagle: false,
  dropAfterBytes: null,
  delayMs: 0,
  slowPrepareMs: 0,
  slowChunkMs: 0,
  slowClearMs: 0,
  dropEveryNthDatagram: null,
  repeatEveryNthDatagram: null,
  ackErrorFor: null,
  ackUnknownFor: null,
  emptyAttendanceBuffer: false,
  silent: false,
  wrongChecksum: false,
  refuseTcp: false,
  refuseUdp: false,
  misreportRecordCount: null,
  ignoreDisable: false,
  staysDisabledAfterDisconnect: false,
  crashAfterUserWrites: null,
};

const PIN_LIMIT_16_BYTE_RECORD = 0xffffffff;

/** Fills in defaults; throws RangeError for combinations no device has (a bug in the caller). */
export function resolveOptions(options: ZkSimulatorOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    commKey: options.commKey ?? 0,
    serialNumber: options.serialNumber === undefined ? 'PBSIM2026000001' : options.serialNumber,
    macAddress: options.macAddress === undefined ? '00:17:61:50:42:01' : options.macAddress,
    firmware: options.firmware ?? 'Ver 6.60 Apr 28 2017',
    deviceName: options.deviceName ?? 'Punchbridge Simulator',
    platform: options.platform ?? 'ZMM220_TFT',
    userCount: options.userCount ?? 10,
    recordCount: options.recordCount ?? 50,
    shiftLogDays: options.shiftLogDays ?? 0,
    quietToday: options.quietToday ?? false,
    longIds: options.longIds ?? false,
    userRecordSize: options.userRecordSize ?? 72,
    recordSize: options.recordSize ?? 40,
    nameEncoding: options.nameEncoding ?? 'utf8',
    seed: options.seed ?? 1,
    clockOffsetSeconds: options.clockOffsetSeconds ?? 0,
    includeInvalidDate: options.includeInvalidDate ?? false,
    includeGarbledUserId: options.includeGarbledUserId ?? false,
    templatesPerUser: options.templatesPerUser ?? 0,
    userCapacity: options.userCapacity ?? 10_000,
    recordCapacity: options.recordCapacity ?? 200_000,
    fingerCapacity: options.fingerCapacity ?? 3_000,
    tcpDataPieceSize: options.tcpDataPieceSize ?? null,
    packetGapMs: options.packetGapMs ?? 0,
    eventSize: options.eventSize ?? 32,
    sessionId: options.sessionId ?? null,
    strictChecksums: options.strictChecksums ?? false,
    faults: { ...NO_FAULTS, ...options.faults },
  };
  if (resolved.longIds && (resolved.recordSize === 16 || resolved.userRecordSize === 28)) {
    throw new RangeError('13-digit user ids need 40/49-byte records and 72-byte users: 16-byte records and 28-byte users hold the id as a u32');
  }
  if (![8, 16, 40, 49].includes(resolved.recordSize)) throw new RangeError(`No device writes ${resolved.recordSize}-byte attendance records`);
  if (![28, 72].includes(resolved.userRecordSize)) throw new RangeError(`No device writes ${resolved.userRecordSize}-byte users`);
  if (resolved.tcpDataPieceSize !== null && resolved.tcpDataPieceSize < 1) throw new RangeError('tcpDataPieceSize must be positive');
  return resolved;
}

/** User ids a 16-byte record or a 28-byte user can carry: a number that fits a u32. */
export function fitsU32Pin(userId: string): boolean {
  return /^\d{1,10}$/.test(userId) && Number(userId) <= PIN_LIMIT_16_BYTE_RECORD;
}
