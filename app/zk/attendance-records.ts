// Attendance records of the buffered read (docs/zk-protocol.md §1.10), decoded at the layout their
// bytes show (record-layout.ts), never at total bytes / reported count: a device that miscounts
// would otherwise have every other record read, or garbage, taken for punches.
import { malformedData } from './errors';
import { chooseLayout } from './record-layout';
import { UserIdCache, ZkTimeFormatter } from './decode-caches';
import { CONTROL_CHARACTER, readAsciiField } from './text-fields';
import { decodeZkTime, formatWallClock, isRealCalendarTime, type WallClockParts } from './wall-clock';

export interface AttendanceRecord {
  /** The user's PIN on the device: the id ERPNext's Employee carries as attendance device id. */
  userId: string;
  /** The device's internal user index, where the record format carries it. */
  uid: number | null;
  /** Device wall-clock time, `YYYY-MM-DD HH:mm:ss`. */
  time: string;
  /** Punch state: 0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 OT-in, 5 OT-out, 255 none. */
  state: number;
  /** Verify method: 0 password, 1 fingerprint, 2 card, 15 face, 25 palm... */
  verify: number;
  workCode: number;
}

/** A record that cannot become a punch, such as a Feb 31 written after the device lost power. */
export interface InvalidRecord {
  /** Position of the record in the device's log, from 0. */
  index: number;
  userId: string;
  /** The time as the device encoded it, even when the calendar has no such day. */
  time: string;
  reason: string;
}

export interface DecodedRecords {
  records: AttendanceRecord[];
  invalid: InvalidRecord[];
}

export interface AttendanceLog extends DecodedRecords {
  recordSize: number;
  /** The record count GET_FREE_SIZES gave; it can differ from what the bytes hold (records + invalid). */
  reportedCount: number;
  /** Bytes at the end that did not make a whole record: the read is incomplete, the log must not be cleared. */
  strayBytes: number;
}

/** One record's fields as read, before validation; readers fill one scratch copy in place. */
interface RawRecord {
  userId: string;
  uid: number | null;
  encodedTime: number;
  state: number;
  verify: number;
  workCode: number;
}

type RecordReader = (bytes: Buffer, offset: number, into: RawRecord) => void;

// Old black-and-white format (MANUAL _AttLog_): the uid only; the caller maps it to a PIN.
function readerFor8(userIdByUid: ReadonlyMap<number, string> | undefined): RecordReader {
  return (bytes, offset, into) => {
    const uid = bytes.readUInt16LE(offset);
    into.uid = uid;
    into.userId = userIdByUid?.get(uid) ?? String(uid);
    into.verify = bytes[offset + 2]!;
    into.encodedTime = bytes.readUInt32LE(offset + 3);
    into.state = bytes[offset + 7]!;
    into.workCode = 0;
  };
}

// MANUAL _ExtendAttLog_: byte 8 is the attendance state and byte 9 the verify method, the reverse
// of pyzk's naming; we follow the manual (docs/zk-protocol.md §1.10).
const readRecord16: RecordReader = (bytes, offset, into) => {
  into.userId = String(bytes.readUInt32LE(offset));
  into.uid = null;
  into.encodedTime = bytes.readUInt32LE(offset + 4);
  into.state = bytes[offset + 8]!;
  into.verify = bytes[offset + 9]!;
  into.workCode = bytes.readUInt32LE(offset + 12);
};

// TFT 40-byte records; 49-byte iFace records share their first 32 bytes.
function readerFor40(body: Buffer): RecordReader {
  const userIds = new UserIdCache(body, 24, (offset) => readAsciiField(body, offset, 24));
  return (bytes, offset, into) => {
    const uid = bytes.readUInt16LE(offset);
    into.uid = uid;
    into.userId = userIds.get(uid, offset + 2);
    into.verify = bytes[offset + 26]!;
    into.encodedTime = bytes.readUInt32LE(offset + 27);
    into.state = bytes[offset + 31]!;
    into.workCode = 0;
  };
}

/** `recordSize` is one of ATTENDANCE_RECORD_SIZES. */
function readerFor(recordSize: number, body: Buffer, userIdByUid: ReadonlyMap<number, string> | undefined): RecordReader {
  if (recordSize === 8) return readerFor8(userIdByUid);
  if (recordSize === 16) return readRecord16;
  return readerFor40(body);
}

/**
 * Decodes the attendance dataset of a buffered read: a u32 byte count, then the records. The layout
 * comes from the bytes alone (see chooseLayout); `reportedCount`, from GET_FREE_SIZES, only settles
 * a tie and is handed back so that the caller can tell when the device miscounts. `userIdByUid`
 * maps the uid of 8-byte records to the user's PIN (from the user list); without it the uid stands in.
 */
export function decodeAttendanceLog(dataset: Buffer, reportedCount: number, userIdByUid?: ReadonlyMap<number, string>): AttendanceLog {
  if (dataset.length === 0 && reportedCount === 0) return { records: [], invalid: [], recordSize: 0, reportedCount, strayBytes: 0 };
  if (dataset.length < 4) throw malformedData(`an attendance log of ${dataset.length} bytes, too short for its size field`);
  const declared = dataset.readUInt32LE(0);
  if (declared > dataset.length - 4) throw malformedData(`an attendance log announcing ${declared} bytes but holding ${dataset.length - 4}`);
  const body = dataset.subarray(4, 4 + declared);
  if (body.length === 0) return { records: [], invalid: [], recordSize: 0, reportedCount, strayBytes: 0 };
  const layout = chooseLayout(body, reportedCount, (records, size) => decodePlausible(records, size, userIdByUid));
  return { records: layout.decoded.records, invalid: layout.decoded.invalid, recordSize: layout.recordSize, reportedCount, strayBytes: layout.strayBytes };
}

/** The device's u32 time runs from 2000 and counts 12 × 31 days a year: values from here on are past 2099. */
const ENCODED_TIME_LIMIT = 100 * 12 * 31 * 86400;

// Bytes a firmware writes as the state and verify method: the codes of docs/zk-protocol.md §1.10
// sit well below these limits, and 255 means "none". Misaligned bytes (ASCII digits of a PIN, for
// one) do not.
const isPlausibleState = (state: number) => state <= 15 || state === 255;
const isPlausibleVerify = (verify: number) => verify <= 31 || verify === 255;

/**
 * Text up to the first NUL, as firmware writes a PIN. Control bytes are let through here (damaged
 * flash: that record is reported, not kept, while the rest of the log still reads); bytes past
 * ASCII and an empty field are not, as misaligned reads of times and counters produce them.
 */
function isPlausiblePinField(bytes: Buffer, start: number, width: number): boolean {
  if (bytes[start] === 0) return false;
  for (let at = start; at < start + width; at++) {
    const byte = bytes[at]!;
    if (byte === 0) return true;
    if (byte > 0x7e) return false;
  }
  return true;
}

function plausibilityFor(recordSize: number): (bytes: Buffer, offset: number, raw: RawRecord) => boolean {
  const common = (raw: RawRecord) => raw.encodedTime < ENCODED_TIME_LIMIT && isPlausibleState(raw.state) && isPlausibleVerify(raw.verify);
  if (recordSize === 8) return (_bytes, _offset, raw) => raw.uid !== 0 && common(raw);
  if (recordSize === 16) return (_bytes, _offset, raw) => raw.userId !== '0' && common(raw);
  return (bytes, offset, raw) => isPlausiblePinField(bytes, offset + 2, 24) && common(raw);
}

/** Back-to-back records of one size, or null as soon as one of them is not a plausible record. */
function decodePlausible(body: Buffer, recordSize: number, userIdByUid?: ReadonlyMap<number, string>): DecodedRecords | null {
  const read = readerFor(recordSize, body, userIdByUid);
  const isPlausible = plausibilityFor(recordSize);
  const times = new ZkTimeFormatter();
  const count = Math.floor(body.length / recordSize);
  const records: AttendanceRecord[] = [];
  const invalid: InvalidRecord[] = [];
  const raw: RawRecord = { userId: '', uid: null, encodedTime: 0, state: 0, verify: 0, workCode: 0 };
  for (let index = 0; index < count; index++) {
    const offset = index * recordSize;
    read(body, offset, raw);
    if (!isPlausible(body, offset, raw)) return null;
    const time = times.format(raw.encodedTime);
    if (raw.userId !== '' && times.isReal(raw.encodedTime) && !CONTROL_CHARACTER.test(raw.userId)) {
      records.push({ userId: raw.userId, uid: raw.uid, time, state: raw.state, verify: raw.verify, workCode: raw.workCode });
    } else {
      invalid.push({ index, userId: raw.userId, time, reason: invalidReason(raw.userId, decodeZkTime(raw.encodedTime))! });
    }
  }
  return { records, invalid };
}


export function invalidReason(userId: string, parts: WallClockParts): string | null {
  if (userId === '') return 'The record has no user id.';
  if (CONTROL_CHARACTER.test(userId)) return 'The record\'s user id holds bytes that are not text; that part of the log is damaged.';
  if (!isRealCalendarTime(parts)) return `The device stored a time the calendar does not have (${formatWallClock(parts)}); its clock was probably reset.`;
  return null;
}
