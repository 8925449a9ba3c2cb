// Realtime attendance events pushed after CMD_REG_EVENT (docs/zk-protocol.md §1.9). The layout
// depends on the device generation and is told apart by the data length, as pyzk does.
import type { AttendanceRecord } from './attendance-records';
import { invalidReason } from './attendance-records';
import { malformedData } from './errors';
import { readAsciiField } from './text-fields';
import { decodeZkTimeHex, formatWallClock } from './wall-clock';

/**
 * A decoded event. Where `byUserNumber` is set (10- and 14-byte events of old B/W firmware), the
 * record's `uid` is the device's internal user number and its `userId` only stands in until the
 * user list maps it to the PIN, as for 8-byte records.
 */
export type LiveEvent = { ok: true; record: AttendanceRecord; byUserNumber: boolean } | { ok: false; userId: string; time: string; reason: string };

function readHead(data: Buffer): { userId: string; uid: number | null; at: number } {
  const length = data.length;
  if (length === 10 || length === 14) {
    const uid = data.readUInt16LE(0);
    return { userId: String(uid), uid, at: 2 };
  }
  if (length === 12) return { userId: String(data.readUInt32LE(0)), uid: null, at: 4 };
  if (length >= 32) return { userId: readAsciiField(data, 0, 24), uid: null, at: 24 };
  throw malformedData(`a live event of ${length} bytes, a layout no known firmware uses`);
}

/** Decodes an attendance event's data: user id, verify byte, state byte, then YY MM DD hh mm ss. */
export function decodeLiveEvent(data: Buffer): LiveEvent {
  const { userId, uid, at } = readHead(data);
  const parts = decodeZkTimeHex(data.subarray(at + 2, at + 8));
  const time = formatWallClock(parts);
  const reason = invalidReason(userId, parts);
  if (reason !== null) return { ok: false, userId, time, reason };
  return { ok: true, record: { userId, uid, time, state: data[at + 1]!, verify: data[at]!, workCode: 0 }, byUserNumber: uid !== null };
}
