// The user record CMD_USER_WRQ carries (docs/zk-protocol.md §1.11, pyzk set_user): the same 28- or
// 72-byte layout the device's user list comes in, so the layout is chosen from what the device
// reads back.
import type { UserRecordSize } from './user-records';

export interface ZkUserWrite {
  /** The device's internal index: an existing user's uid overwrites that user. */
  uid: number;
  userId: string;
  name: string;
  /** 0 user, 14 super-admin (docs/zk-protocol.md §1.11). */
  privilege: number;
  password: string;
  cardNumber: number;
  /** The group number; 1 is the terminal's default group. */
  group: number;
}

/** Bytes a name may take: 8 on B/W firmware, 23 on TFT (24 with the terminating NUL). */
export const USER_NAME_BYTES: Record<UserRecordSize, number> = { 28: 8, 72: 23 };
const USER_ID_BYTES_72 = 24;
const PASSWORD_BYTES: Record<UserRecordSize, number> = { 28: 5, 72: 8 };
const U32_PIN = /^\d{1,10}$/;

/** Encodings whose bytes Node can produce; others (gbk, windows-1256...) decode but cannot be written here. */
type WritableEncoding = 'utf8' | 'latin1';

export function writableEncoding(label: string): WritableEncoding | null {
  const normalized = label.trim().toLowerCase();
  if (normalized === 'utf-8' || normalized === 'utf8') return 'utf8';
  if (['latin1', 'iso-8859-1', 'windows-1252', 'cp1252'].includes(normalized)) return 'latin1';
  return null;
}

/** Whether a user id fits the layout: 28-byte records hold it as a u32, 72-byte ones as up to 24 ASCII characters. */
export function userIdFits(userId: string, recordSize: UserRecordSize): boolean {
  if (recordSize === 28) return U32_PIN.test(userId) && Number(userId) <= 0xffffffff;
  return /^[\x21-\x7e]+$/.test(userId) && userId.length < USER_ID_BYTES_72;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The name as the device will hold it: characters the encoding lacks replaced by their base letter
 * (or dropped), then cut to the field by whole characters, so that no character is split.
 */
export function fitUserName(name: string, recordSize: UserRecordSize, encodingLabel: string): string {
  const encoding = writableEncoding(encodingLabel);
  if (!encoding) throw new RangeError(`Names cannot be written in ${encodingLabel}`);
  const limit = USER_NAME_BYTES[recordSize];
  const representable = encoding === 'latin1' ? toLatin1(name) : name.normalize('NFC');
  let fitted = '';
  for (const { segment } of graphemes.segment(representable.trim())) {
    if (Buffer.byteLength(fitted + segment, encoding) > limit) break;
    fitted += segment;
  }
  return fitted.trimEnd();
}

function toLatin1(name: string): string {
  return [...name.normalize('NFC')]
    .map((character) => (character.codePointAt(0)! <= 0xff ? character : [...character.normalize('NFD')].filter((part) => part.codePointAt(0)! <= 0xff).join('')))
    .join('');
}

/** The CMD_USER_WRQ data. Throws RangeError for a user the layout cannot hold (a bug in the caller). */
export function encodeUserWrite(user: ZkUserWrite, recordSize: UserRecordSize, encodingLabel: string): Buffer {
  const encoding = writableEncoding(encodingLabel);
  if (!encoding) throw new RangeError(`Names cannot be written in ${encodingLabel}`);
  if (!userIdFits(user.userId, recordSize)) throw new RangeError(`User id "${user.userId}" does not fit a ${recordSize}-byte user record`);
  if (!Number.isInteger(user.uid) || user.uid < 1 || user.uid > 0xffff) throw new RangeError(`uid ${user.uid} is outside 1-65535`);
  const record = Buffer.alloc(recordSize);
  record.writeUInt16LE(user.uid, 0);
  record.writeUInt8(user.privilege, 2);
  record.write(user.password.slice(0, PASSWORD_BYTES[recordSize]), 3, PASSWORD_BYTES[recordSize], 'latin1');
  if (recordSize === 28) {
    record.write(user.name, 8, USER_NAME_BYTES[28], encoding);
    record.writeUInt32LE(user.cardNumber >>> 0, 16);
    record.writeUInt8(user.group & 0xff, 21);
    record.writeUInt32LE(Number(user.userId), 24);
  } else {
    record.write(user.name, 11, USER_NAME_BYTES[72], encoding);
    record.writeUInt32LE(user.cardNumber >>> 0, 35);
    record.writeUInt8(user.group & 0xff, 39);
    record.write(user.userId, 48, USER_ID_BYTES_72 - 1, 'latin1');
  }
  return record;
}

/** CMD_DELETE_USER data: the uid as a u16 (pyzk delete_user). */
export function encodeUserDelete(uid: number): Buffer {
  const data = Buffer.alloc(2);
  data.writeUInt16LE(uid);
  return data;
}
