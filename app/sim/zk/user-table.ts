// What a terminal does with CMD_USER_WRQ and CMD_DELETE_USER (docs/zk-protocol.md §1.11, pyzk
// set_user / delete_user): a record in the device's own layout adds or overwrites a user by uid; a
// full table, a record in the other layout, or a PIN another uid holds is refused, as firmware
// does.
import type { NameEncoding, UserRecordSize } from './options';
import type { SimulatedUser } from './roster';

export type UserWriteOutcome = 'written' | 'refused';

function untilNul(bytes: Buffer, start: number, width: number): Buffer {
  const field = bytes.subarray(start, start + width);
  const end = field.indexOf(0);
  return end === -1 ? field : field.subarray(0, end);
}

/** Decodes a written record; null when its length is not the device's layout. */
export function readWrittenUser(data: Buffer, layout: UserRecordSize, encoding: NameEncoding): SimulatedUser | null {
  if (data.length !== layout) return null;
  if (layout === 28) {
    return {
      uid: data.readUInt16LE(0),
      privilege: data[2]!,
      password: untilNul(data, 3, 5).toString('latin1'),
      name: untilNul(data, 8, 8).toString(encoding),
      card: data.readUInt32LE(16),
      group: data[21]!,
      userId: String(data.readUInt32LE(24)),
    };
  }
  return {
    uid: data.readUInt16LE(0),
    privilege: data[2]!,
    password: untilNul(data, 3, 8).toString('latin1'),
    name: untilNul(data, 11, 24).toString(encoding),
    card: data.readUInt32LE(35),
    group: data[39]!,
    userId: untilNul(data, 48, 24).toString('latin1'),
  };
}

/** Applies a write to `users` in place. */
export function applyUserWrite(users: SimulatedUser[], written: SimulatedUser, capacity: number): UserWriteOutcome {
  if (written.uid === 0 || written.userId === '') return 'refused';
  const holder = users.find((user) => user.userId === written.userId);
  if (holder && holder.uid !== written.uid) return 'refused';
  const index = users.findIndex((user) => user.uid === written.uid);
  if (index !== -1) {
    users[index] = written;
    return 'written';
  }
  if (users.length >= capacity) return 'refused';
  users.push(written);
  return 'written';
}
