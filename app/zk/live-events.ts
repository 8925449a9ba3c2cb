// Realtime punches (reference §1.9): register for EF_ATTLOG, ACK every pushed event, unregister
// with flags 0 when the consumer stops.
import type { AttendanceRecord } from './attendance-records';
import { CMD_REG_EVENT, EF_ATTLOG } from './constants';
import { ZkError } from './errors';
import { decodeLiveEvent } from './live-event';
import type { ZkSession } from './session';

const flags = (value: number) => {
  const data = Buffer.alloc(4);
  data.writeUInt32LE(value);
  return data;
};

type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Yields each attendance event as a punch. Events the firmware sends in a layout we do not know,
 * or with a time the calendar lacks, are acknowledged and skipped: the punch stays in the device's
 * log and the next buffered read reports it.
 */
export async function* streamLiveEvents(session: ZkSession, exclusive: Exclusive, signal?: AbortSignal): AsyncGenerator<AttendanceRecord> {
  await exclusive(() => session.expectOk(CMD_REG_EVENT, 'the request for live punches', flags(EF_ATTLOG)));
  try {
    for (;;) {
      const packet = await session.nextEvent(signal);
      if (packet === null) return;
      session.acknowledgeEvent();
      if (packet.sessionId !== EF_ATTLOG) continue;
      const event = decodeEventSafely(packet.data);
      if (event?.ok) yield event.record;
    }
  } finally {
    if (session.isOpen) {
      await exclusive(() => session.expectOk(CMD_REG_EVENT, 'the request to stop live punches', flags(0))).catch(() => undefined);
    }
  }
}

function decodeEventSafely(data: Buffer) {
  try {
    return decodeLiveEvent(data);
  } catch (error) {
    if (error instanceof ZkError) return null;
    throw error;
  }
}
