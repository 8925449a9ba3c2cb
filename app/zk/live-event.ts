// Realtime attendance events pushed after CMD_REG_EVENT (reference §1.9). The layout depends on
// the device generation and is told apart by the data length, as pyzk does.
import type { AttendanceRecord } from './attendance-records';
import { invalidReason } from './attendance-records';
import { malformedData } from './errors';
import { readAsciiField } from './text-fields';
import { decodeZkTimeHex, formatWallClock } from './wall-clock';

export type LiveEvent = { ok: true; record: AttendanceRecord } | { ok: false; userId: string; time: string; reason: string };

function readHead(data: Buffer): { userId: string; at: number } {
  const length = data.length;
  if (length === 10 || length === 14) return { userId: String(data.readUInt16LE(0)), at: 2 };
  if (length === 12) return { userId: String(data.readUInt32LE(0)), at: 4 };
  if (length >= 32) return { userId: readAsciiField(data, 0, 24), at: 24 };
  throw malformedData(`a live event of ${length} bytes, a layout no known firmware uses`);
}

/** Decodes an attendance event's data: user id, verify byte, state byte, then YY MM DD hh mm ss. */
export function decodeLiveEvent(data: Buffer): LiveEvent {
  const { userId, at } = readHead(data);
  const parts = decodeZkTimeHex(data.subarray(at + 2, at + 8));
  const time = formatWallClock(parts);
  const reason = invalidReason(userId, parts);
  if (reason !== null) return { ok: false, userId, time, reason };
  return { ok: true, record: { userId, uid: null, time, state: data[at + 1]!, verify: data[at]!, workCode: 0 } };
}
