// Attendance records of the buffered read (reference §1.10). The layout is chosen from the size of
// one record, total bytes / record count, as pyzk does.
import { malformedData } from './errors';
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

export interface AttendanceLog {
  records: AttendanceRecord[];
  invalid: InvalidRecord[];
  recordSize: number;
}

export const ATTENDANCE_RECORD_SIZES = [8, 16, 40, 49] as const;

/** MB560-VL firmware may put "\xff255" and five NULs before the records (reference §1.10). */
const MB560_PREFIX = Buffer.from('ff3235350000000000', 'hex');

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
// of pyzk's naming; we follow the manual (reference §1.10).
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

function readerFor(recordSize: number, body: Buffer, userIdByUid: ReadonlyMap<number, string> | undefined): RecordReader {
  if (recordSize === 8) return readerFor8(userIdByUid);
  if (recordSize === 16) return readRecord16;
  if (recordSize >= 32) return readerFor40(body);
  throw malformedData(`attendance records of ${recordSize} bytes, a size no known firmware uses (8, 16, 40 or 49)`);
}

/**
 * Decodes the attendance dataset of a buffered read: a u32 byte count, then the records.
 * `recordCount` comes from GET_FREE_SIZES and fixes the record size. `userIdByUid` maps the uid of
 * 8-byte records to the user's PIN (from the user list); without it the uid stands in.
 */
export function decodeAttendanceLog(dataset: Buffer, recordCount: number, userIdByUid?: ReadonlyMap<number, string>): AttendanceLog {
  if (recordCount === 0) return { records: [], invalid: [], recordSize: 0 };
  if (dataset.length < 4) throw malformedData(`an attendance log of ${dataset.length} bytes, too short for its size field`);
  const declared = dataset.readUInt32LE(0);
  if (declared > dataset.length - 4) throw malformedData(`an attendance log announcing ${declared} bytes but holding ${dataset.length - 4}`);
  let body = dataset.subarray(4, 4 + declared);
  if (hasMb560Prefix(body, recordCount)) body = body.subarray(MB560_PREFIX.length);
  const recordSize = pickRecordSize(body.length, recordCount);
  return { ...decodeRecords(body, recordSize, userIdByUid), recordSize };
}

/**
 * total / count, as pyzk does; when the count from GET_FREE_SIZES is a few off (a punch landed
 * between the two requests), the known size that divides the total and best fits the count.
 */
function pickRecordSize(bodyLength: number, recordCount: number): number {
  const perRecord = Math.floor(bodyLength / recordCount);
  if ((ATTENDANCE_RECORD_SIZES as readonly number[]).includes(perRecord) && bodyLength % perRecord === 0) return perRecord;
  const fitting = ATTENDANCE_RECORD_SIZES.filter((size) => bodyLength > 0 && bodyLength % size === 0);
  const misfit = (size: number) => Math.abs(bodyLength / size - recordCount) / recordCount;
  const best = fitting.sort((a, b) => misfit(a) - misfit(b))[0];
  return best !== undefined && misfit(best) <= 0.05 ? best : perRecord;
}

function hasMb560Prefix(body: Buffer, recordCount: number): boolean {
  const rest = body.length - MB560_PREFIX.length;
  return rest > 0 && rest % recordCount === 0 && body.subarray(0, MB560_PREFIX.length).equals(MB560_PREFIX);
}

/** Decodes back-to-back records of one size. */
export function decodeRecords(body: Buffer, recordSize: number, userIdByUid?: ReadonlyMap<number, string>): Omit<AttendanceLog, 'recordSize'> {
  const read = readerFor(recordSize, body, userIdByUid);
  const times = new ZkTimeFormatter();
  const count = Math.floor(body.length / recordSize);
  const records: AttendanceRecord[] = [];
  const invalid: InvalidRecord[] = [];
  const raw: RawRecord = { userId: '', uid: null, encodedTime: 0, state: 0, verify: 0, workCode: 0 };
  for (let index = 0; index < count; index++) {
    read(body, index * recordSize, raw);
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
