// Bytes the terminal serves: user and attendance datasets for the buffered read
// (docs/zk-protocol.md §1.6, §1.10, §1.11) and the realtime attendance event (§1.9).
import { encodeZkTimeHex, parseWallClock } from '../../zk/wall-clock';
import { encodeTimeText } from './device-clock';
import type { AttendanceRecordSize, LiveEventSize, NameEncoding, UserRecordSize } from './options';
import type { SimulatedRecord, SimulatedUser } from './roster';

const DATASET_LENGTH_PREFIX = 4;
const USER_ID_FIELD = 24;
/** Bytes 32..39 of a 40-byte record are 00 00 00 00 FF 00 00 00 on a TFT terminal (ADRO capture). */
const RECORD_40_RESERVED_FF_AT = 36;

/** Every dataset starts with a u32 giving the number of record bytes that follow. */
function datasetBuffer(recordBytes: number): Buffer {
  const dataset = Buffer.alloc(DATASET_LENGTH_PREFIX + recordBytes);
  dataset.writeUInt32LE(recordBytes, 0);
  return dataset;
}

export function writeUsers(users: readonly SimulatedUser[], size: UserRecordSize, encoding: NameEncoding): Buffer {
  const dataset = datasetBuffer(users.length * size);
  users.forEach((user, index) => {
    const at = DATASET_LENGTH_PREFIX + index * size;
    if (size === 72) writeUser72(dataset, at, user, encoding);
    else writeUser28(dataset, at, user, encoding);
  });
  return dataset;
}

function writeUser72(dataset: Buffer, at: number, user: SimulatedUser, encoding: NameEncoding): void {
  dataset.writeUInt16LE(user.uid, at);
  dataset.writeUInt8(user.privilege, at + 2);
  dataset.write(user.password, at + 3, 8, 'latin1');
  dataset.write(user.name, at + 11, 23, encoding);
  dataset.writeUInt32LE(user.card, at + 35);
  dataset.writeUInt8(user.group, at + 39);
  dataset.write(user.userId, at + 48, USER_ID_FIELD, 'latin1');
}

function writeUser28(dataset: Buffer, at: number, user: SimulatedUser, encoding: NameEncoding): void {
  dataset.writeUInt16LE(user.uid, at);
  dataset.writeUInt8(user.privilege, at + 2);
  dataset.write(user.password, at + 3, 5, 'latin1');
  dataset.write(user.name, at + 8, 8, encoding);
  dataset.writeUInt32LE(user.card, at + 16);
  dataset.writeUInt8(user.group, at + 21);
  dataset.writeUInt32LE(Number(user.userId), at + 24);
}

export function writeRecords(records: readonly SimulatedRecord[], size: AttendanceRecordSize): Buffer {
  const dataset = datasetBuffer(records.length * size);
  for (let index = 0; index < records.length; index++) {
    const at = DATASET_LENGTH_PREFIX + index * size;
    const record = records[index]!;
    if (size === 8) writeRecord8(dataset, at, record);
    else if (size === 16) writeRecord16(dataset, at, record);
    else writeRecord40(dataset, at, record);
  }
  return dataset;
}

function writeRecord8(dataset: Buffer, at: number, record: SimulatedRecord): void {
  dataset.writeUInt16LE(record.uid, at);
  dataset.writeUInt8(record.verify, at + 2);
  dataset.writeUInt32LE(encodeTimeText(record.time), at + 3);
  dataset.writeUInt8(record.state, at + 7);
}

// The manual's _ExtendAttLog_: byte 8 is the attendance (IN/OUT) state, byte 9 the verify method,
// the reverse of the 40-byte order (docs/zk-protocol.md §1.10).
function writeRecord16(dataset: Buffer, at: number, record: SimulatedRecord): void {
  dataset.writeUInt32LE(Number(record.userId), at);
  dataset.writeUInt32LE(encodeTimeText(record.time), at + 4);
  dataset.writeUInt8(record.state, at + 8);
  dataset.writeUInt8(record.verify, at + 9);
}

// 49-byte iFace records share the first 32 bytes of this layout; only the stride differs.
function writeRecord40(dataset: Buffer, at: number, record: SimulatedRecord): void {
  dataset.writeUInt16LE(record.uid, at);
  writeAscii(dataset, record.userId, at + 2, USER_ID_FIELD);
  dataset.writeUInt8(record.verify, at + 26);
  dataset.writeUInt32LE(encodeTimeText(record.time), at + 27);
  dataset.writeUInt8(record.state, at + 31);
  dataset[at + RECORD_40_RESERVED_FF_AT] = 0xff;
}

// Buffer.write costs a native call per field; ids are short ASCII digits, copied byte by byte.
function writeAscii(target: Buffer, text: string, at: number, fieldLength: number): void {
  const length = Math.min(text.length, fieldLength);
  for (let index = 0; index < length; index++) target[at + index] = text.charCodeAt(index) & 0xff;
}

/**
 * EF_ATTLOG event data in the layout of `size` (docs/zk-protocol.md §1.9): 10 and 14 bytes (old B/W
 * firmware) carry the internal user number as a u16, 12 bytes the PIN as a u32, 32 and 36 bytes
 * the PIN as 24 ASCII bytes; then verify, state, YY MM DD hh mm ss and zero padding. 18 bytes is
 * a layout no known firmware uses, for the client's unknown-layout path.
 */
export function writeAttendanceEvent(record: SimulatedRecord, size: LiveEventSize): Buffer {
  const event = Buffer.alloc(size);
  let at: number;
  if (size === 10 || size === 14 || size === 18) {
    event.writeUInt16LE(record.uid, 0);
    at = 2;
  } else if (size === 12) {
    event.writeUInt32LE(Number(record.userId) >>> 0, 0);
    at = 4;
  } else {
    event.write(record.userId, 0, USER_ID_FIELD, 'latin1');
    at = USER_ID_FIELD;
  }
  event.writeUInt8(record.verify, at);
  event.writeUInt8(record.state, at + 1);
  const parts = parseWallClock(record.time);
  if (parts) event.set(encodeZkTimeHex(parts), at + 2);
  return event;
}
