// Realtime punches (reference §1.9): register for EF_ATTLOG, ACK every pushed event, unregister
// with flags 0 when the consumer stops.
import type { AttendanceRecord } from './attendance-records';
import { CMD_GET_TIME, CMD_REG_EVENT, EF_ATTLOG } from './constants';
import { ZkError, zkErrors } from './errors';
import { decodeLiveEvent } from './live-event';
import type { ZkSession } from './session';

const flags = (value: number) => {
  const data = Buffer.alloc(4);
  data.writeUInt32LE(value);
  return data;
};

type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/** A quiet connection is asked the time this often, so that a device gone without a word is noticed. */
export const LIVE_HEARTBEAT_MS = 30_000;

/**
 * Yields each attendance event as a punch. Events the firmware sends in a layout we do not know,
 * or with a time the calendar lacks, are acknowledged and skipped: the punch stays in the device's
 * log and the next buffered read reports it. When the connection has been quiet for `heartbeatMs`
 * the device is asked its time; no answer ends the stream with connection-lost, because a device
 * that lost power or its cable never closes the connection itself.
 */
export async function* streamLiveEvents(
  session: ZkSession,
  exclusive: Exclusive,
  signal?: AbortSignal,
  heartbeatMs = LIVE_HEARTBEAT_MS,
): AsyncGenerator<AttendanceRecord> {
  await exclusive(() => session.expectOk(CMD_REG_EVENT, 'the request for live punches', flags(EF_ATTLOG)));
  try {
    for (;;) {
      const packet = await session.nextEvent(signal, heartbeatMs);
      if (packet === null) return;
      if (packet === 'quiet') {
        await exclusive(() => session.expectOk(CMD_GET_TIME, 'the heartbeat')).catch((error: unknown) => {
          throw error instanceof ZkError && error.code === 'timeout' ? zkErrors.connectionLost(session.target) : error;
        });
        continue;
      }
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
