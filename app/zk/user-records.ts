// User records of the buffered read (docs/zk-protocol.md §1.11): 28 bytes on black-and-white
// firmware, 72 bytes on TFT firmware, chosen from total bytes / user count.
import { malformedData } from './errors';
import { CONTROL_CHARACTER, createNameDecoder, readAsciiField } from './text-fields';

export interface ZkUser {
  /** The device's internal user index. */
  uid: number;
  /** The PIN a person types or the device shows; what attendance records carry. */
  userId: string;
  name: string;
  /** Bit 0 set = disabled; bits 1-3 the role: 0 user, 2 enroller, 6 manager, 14 super-admin. */
  privilege: number;
  password: string;
  cardNumber: number;
  groupId: string;
}

type NameDecoder = ReturnType<typeof createNameDecoder>;

function readUser28(bytes: Buffer, offset: number, decodeName: NameDecoder): ZkUser {
  return {
    uid: bytes.readUInt16LE(offset),
    privilege: bytes[offset + 2]!,
    password: readAsciiField(bytes, offset + 3, 5),
    name: decodeName(bytes, offset + 8, 8),
    cardNumber: bytes.readUInt32LE(offset + 16),
    groupId: String(bytes[offset + 21]!),
    userId: String(bytes.readUInt32LE(offset + 24)),
  };
}

function readUser72(bytes: Buffer, offset: number, decodeName: NameDecoder): ZkUser {
  return {
    uid: bytes.readUInt16LE(offset),
    privilege: bytes[offset + 2]!,
    password: readAsciiField(bytes, offset + 3, 8),
    name: decodeName(bytes, offset + 11, 24),
    cardNumber: bytes.readUInt32LE(offset + 35),
    groupId: String(bytes[offset + 39]!),
    userId: readAsciiField(bytes, offset + 48, 24),
  };
}

export type UserRecordSize = 28 | 72;

function userRecordSize(bodyLength: number, userCount: number): 28 | 72 {
  const perUser = bodyLength / userCount;
  if (perUser === 28 || perUser === 72) return perUser;
  // The count can be off by a deleted user; the total still divides by the real size.
  if (bodyLength % 72 === 0) return 72;
  if (bodyLength % 28 === 0) return 28;
  throw malformedData(`${bodyLength} bytes of users for ${userCount} users, which fits neither 28- nor 72-byte records`);
}

/** Decodes the user dataset of a buffered read: a u32 byte count, then the user records. */
export function decodeUserList(dataset: Buffer, userCount: number, nameEncoding = 'utf-8'): ZkUser[] {
  return decodeUserTable(dataset, userCount, nameEncoding)?.users ?? [];
}

/** The users and the record layout they came in; null for an empty table, which shows no layout. */
export function decodeUserTable(dataset: Buffer, userCount: number, nameEncoding = 'utf-8'): { users: ZkUser[]; recordSize: UserRecordSize } | null {
  if (userCount === 0) return null;
  if (dataset.length < 4) throw malformedData(`a user list of ${dataset.length} bytes, too short for its size field`);
  const declared = dataset.readUInt32LE(0);
  if (declared > dataset.length - 4) throw malformedData(`a user list announcing ${declared} bytes but holding ${dataset.length - 4}`);
  const body = dataset.subarray(4, 4 + declared);
  const size = userRecordSize(body.length, userCount);
  const decodeName = createNameDecoder(nameEncoding);
  const readUser = size === 72 ? readUser72 : readUser28;
  const users: ZkUser[] = [];
  for (let offset = 0; offset + size <= body.length; offset += size) {
    const user = readUser(body, offset, decodeName);
    // A slot without a usable PIN (blank, or damaged bytes) is nobody who can punch; the journal refuses it.
    if (user.userId !== '' && !CONTROL_CHARACTER.test(user.userId)) users.push(user);
  }
  return { users, recordSize: size };
}
