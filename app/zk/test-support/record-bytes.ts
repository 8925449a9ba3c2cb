// Hand-built record bytes for tests, laid out as docs/zk-protocol.md §1.10 and §1.11 describe.
import { encodeZkTime, parseWallClock } from '../wall-clock';

export interface PunchSpec {
  userId: string;
  time: string;
  state?: number;
  verify?: number;
  uid?: number;
  workCode?: number;
}

const zkTime = (time: string) => encodeZkTime(parseWallClock(time)!);

export function attendanceRecordBytes(size: 8 | 16 | 40 | 49, punch: PunchSpec): Buffer {
  const bytes = Buffer.alloc(size);
  const { state = 0, verify = 1, uid = 1 } = punch;
  if (size === 8) {
    bytes.writeUInt16LE(uid, 0);
    bytes[2] = verify;
    bytes.writeUInt32LE(zkTime(punch.time), 3);
    bytes[7] = state;
  } else if (size === 16) {
    bytes.writeUInt32LE(Number(punch.userId), 0);
    bytes.writeUInt32LE(zkTime(punch.time), 4);
    bytes[8] = state;
    bytes[9] = verify;
    bytes.writeUInt32LE(punch.workCode ?? 0, 12);
  } else {
    bytes.writeUInt16LE(uid, 0);
    bytes.write(punch.userId, 2, 24, 'latin1');
    bytes[26] = verify;
    bytes.writeUInt32LE(zkTime(punch.time), 27);
    bytes[31] = state;
    bytes[36] = 0xff;
  }
  return bytes;
}

/** A buffered-read dataset: u32 byte count, then the records. */
export function dataset(records: Buffer[]): Buffer {
  const body = Buffer.concat(records);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([size, body]);
}

export interface UserSpec {
  uid: number;
  userId: string;
  name: Buffer | string;
  privilege?: number;
  password?: string;
  cardNumber?: number;
  group?: number;
}

export function userRecordBytes(size: 28 | 72, user: UserSpec): Buffer {
  const bytes = Buffer.alloc(size);
  const name = typeof user.name === 'string' ? Buffer.from(user.name, 'utf8') : user.name;
  bytes.writeUInt16LE(user.uid, 0);
  bytes[2] = user.privilege ?? 0;
  if (size === 28) {
    bytes.write(user.password ?? '', 3, 5, 'latin1');
    name.copy(bytes, 8, 0, 8);
    bytes.writeUInt32LE(user.cardNumber ?? 0, 16);
    bytes[21] = user.group ?? 1;
    bytes.writeUInt32LE(Number(user.userId), 24);
  } else {
    bytes.write(user.password ?? '', 3, 8, 'latin1');
    name.copy(bytes, 11, 0, 23);
    bytes.writeUInt32LE(user.cardNumber ?? 0, 35);
    bytes[39] = user.group ?? 1;
    bytes.write(user.userId, 48, 24, 'latin1');
  }
  return bytes;
}

export function freeSizesBytes(sizes: { users: number; records: number; userCapacity?: number; recordCapacity?: number }): Buffer {
  const data = Buffer.alloc(92);
  data.writeInt32LE(sizes.users, 16);
  data.writeInt32LE(sizes.records, 32);
  data.writeInt32LE(3000, 56);
  data.writeInt32LE(sizes.userCapacity ?? 10000, 60);
  data.writeInt32LE(sizes.recordCapacity ?? 100000, 64);
  return data;
}
