// Realtime punches (docs/zk-protocol.md §1.9): register for EF_ATTLOG, ACK every pushed event,
// unregister with flags 0 when the consumer stops.
import type { AttendanceRecord } from './attendance-records';
import { CMD_GET_TIME, CMD_REG_EVENT, EF_ATTLOG } from './constants';
import { ZkError, zkErrors } from './errors';
import { decodeLiveEvent, type LiveEvent } from './live-event';
import type { ZkSession } from './session';
import type { ZkUser } from './user-records';

const flags = (value: number) => {
  const data = Buffer.alloc(4);
  data.writeUInt32LE(value);
  return data;
};

type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/** A quiet connection is asked the time this often, so that a device gone without a word is noticed. */
export const LIVE_HEARTBEAT_MS = 30_000;

export interface LiveEventOptions {
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** Told once per stream and event length of events in a layout no known firmware uses, with their bytes. */
  onUnreadableEvent?: (data: Buffer) => void;
}

export interface LiveEventSource {
  session: ZkSession;
  exclusive: Exclusive;
  /** The device's user list, to map the internal user number of 10- and 14-byte events to PINs. */
  readUsers: () => Promise<ZkUser[]>;
}

/**
 * Yields each attendance event as a punch. Events the firmware sends in a layout we do not know,
 * or with a time the calendar lacks, or of a user number the user list does not hold, are
 * acknowledged and skipped: the punch stays in the device's log and the next buffered read reports
 * it. When the connection has been quiet for `heartbeatMs` the device is asked its time; no answer
 * ends the stream with connection-lost, because a device that lost power or its cable never closes
 * the connection itself.
 */
export async function* streamLiveEvents(source: LiveEventSource, options: LiveEventOptions = {}): AsyncGenerator<AttendanceRecord> {
  const { session, exclusive } = source;
  const heartbeatMs = options.heartbeatMs ?? LIVE_HEARTBEAT_MS;
  const userIds = new UserNumberMap(source.readUsers);
  const reportedLengths = new Set<number>();
  await exclusive(() => session.expectOk(CMD_REG_EVENT, 'the request for live punches', flags(EF_ATTLOG)));
  try {
    for (;;) {
      const packet = await session.nextEvent(options.signal, heartbeatMs);
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
      if (event === null) {
        if (!reportedLengths.has(packet.data.length)) options.onUnreadableEvent?.(packet.data);
        reportedLengths.add(packet.data.length);
        continue;
      }
      if (!event.ok) continue;
      if (!event.byUserNumber) {
        yield event.record;
        continue;
      }
      const userId = await userIds.get(event.record.uid!);
      if (userId !== undefined) yield { ...event.record, userId };
    }
  } finally {
    if (session.isOpen) {
      await exclusive(() => session.expectOk(CMD_REG_EVENT, 'the request to stop live punches', flags(0))).catch(() => undefined);
    }
  }
}

/** The user list, read when first needed and again when a user number is not in it (a user enrolled since). */
class UserNumberMap {
  private userIdByUid: Map<number, string> | null = null;

  constructor(private readonly readUsers: () => Promise<ZkUser[]>) {}

  async get(uid: number): Promise<string | undefined> {
    if (this.userIdByUid === null || !this.userIdByUid.has(uid)) {
      this.userIdByUid = new Map((await this.readUsers()).map((user) => [user.uid, user.userId]));
    }
    return this.userIdByUid.get(uid);
  }
}

function decodeEventSafely(data: Buffer): LiveEvent | null {
  try {
    return decodeLiveEvent(data);
  } catch (error) {
    if (error instanceof ZkError) return null;
    throw error;
  }
}
