// The client against terminals that misbehave as field reports say real ones do: each
// case turns on one simulator switch and checks what a person would see.
import { describe, expect, it, vi } from 'vitest';
import { type LiveEventSize, type ZkSimulator } from '../sim/zk';
import type { AttendanceRecord } from './attendance-records';
import { CMD_OPTIONS_RRQ } from './constants';
import { type ZkDevice } from './index';
import { connect, punchesOf, rejection, simulator } from './test-support/simulator-session';

describe('small refusals', () => {
  it('takes ACK_UNKNOWN as "not supported", as it takes ACK_ERROR', async () => {
    const device = await simulator({ faults: { ackUnknownFor: CMD_OPTIONS_RRQ } });
    const client = await connect(device);
    const error = await rejection(client.getDeviceName());
    expect(error.code).toBe('device-refused');
    expect(error.message).toContain('refused the device name request');
  });

  it('gives an empty list and a warning when the log is counted but its buffer is empty', async () => {
    const device = await simulator({ recordCount: 25, faults: { emptyAttendanceBuffer: true } });
    const client = await connect(device);
    const readout = await client.readAttendance();
    expect(readout.records).toEqual([]);
    expect(readout.invalid).toEqual([]);
    expect(readout.warnings).toEqual([expect.stringContaining('reports 25 records but sent none')]);
  });
});

/** Punches `userIds` at the terminal once the client listens, and collects that many live punches. */
async function livePunches(device: ZkSimulator, client: ZkDevice, userIds: string[], options: { onUnreadableEvent?: (bytes: Buffer) => void } = {}) {
  const abort = new AbortController();
  const seen: AttendanceRecord[] = [];
  const stream = client.liveEvents({ signal: abort.signal, ...options });
  const punching = (async () => {
    await vi.waitFor(() => expect(device.eventSubscribers).toBe(1), { timeout: 10_000 });
    for (const [index, userId] of userIds.entries()) device.punch({ userId, time: `2026-11-25 09:00:0${index}` });
    await vi.waitFor(() => expect(device.eventsAcked).toBe(userIds.length), { timeout: 10_000 });
    abort.abort();
  })();
  for await (const punch of stream) seen.push(punch);
  await punching;
  return seen;
}

describe('live events of every layout', () => {
  it.each([10, 14] as const)('maps the internal user number of %i-byte events to the user id through the user list', async (eventSize: LiveEventSize) => {
    const device = await simulator({ userCount: 5, longIds: true, eventSize });
    const client = await connect(device);
    const punched = [device.users[2]!.userId, device.users[4]!.userId];
    const seen = await livePunches(device, client, punched);
    expect(seen.map((punch) => [punch.userId, punch.time])).toEqual([
      [punched[0], '2026-11-25 09:00:00'],
      [punched[1], '2026-11-25 09:00:01'],
    ]);
  });

  it('reads the PIN of 12-byte events as it stands', async () => {
    const device = await simulator({ userCount: 5, eventSize: 12 });
    const client = await connect(device);
    const seen = await livePunches(device, client, ['3']);
    expect(seen.map((punch) => punch.userId)).toEqual(['3']);
  });

  it('reports events of an unknown layout once, with their bytes, instead of losing them silently', async () => {
    const device = await simulator({ userCount: 5, eventSize: 18 });
    const client = await connect(device);
    const unreadable: string[] = [];
    const seen = await livePunches(device, client, ['1', '2'], { onUnreadableEvent: (bytes) => unreadable.push(bytes.toString('hex')) });
    expect(seen).toEqual([]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatch(/^0100/);
    expect(unreadable[0]).toHaveLength(36);
  });
});

describe('a slow terminal with a full log', () => {
  // The ordinary answer wait is kept short here so that the slow steps stand out against it.
  const quickAnswers = { timeoutMs: 300 };

  it('waits for a dataset that takes longer than an ordinary answer to prepare', async () => {
    const device = await simulator({ recordCount: 3000, faults: { slowPrepareMs: 900 } });
    const client = await connect(device, quickAnswers);
    expect((await client.readAttendance()).records).toHaveLength(3000);
  });

  it('waits for chunks that are slow to come', async () => {
    const device = await simulator({ recordCount: 3000, faults: { slowChunkMs: 900 } });
    const client = await connect(device, quickAnswers);
    expect((await client.readAttendance()).records).toHaveLength(3000);
  });

  it('waits for a clear that takes longer than an ordinary answer, and reports it done', async () => {
    const device = await simulator({ recordCount: 3000, faults: { slowClearMs: 900 } });
    const client = await connect(device, quickAnswers);
    await client.clearAttendance();
    expect(device.records).toHaveLength(0);
    expect(await client.getSizes()).toMatchObject({ records: 0 });
  });

  it('takes a clear the device confirms only after our wait as done when its log is empty', async () => {
    const device = await simulator({ recordCount: 3000, faults: { slowClearMs: 900 } });
    const client = await connect(device, { ...quickAnswers, slowTimeoutMs: 600 });
    await client.clearAttendance();
    expect(device.clearCount).toBe(1);
  });

  it('names the Timeout setting when even the long wait runs out', async () => {
    const device = await simulator({ recordCount: 3000, faults: { slowPrepareMs: 2000 } });
    const client = await connect(device, { ...quickAnswers, slowTimeoutMs: 500 });
    const error = await rejection(client.readAttendance());
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('within 0.5 s');
    expect(error.action).toContain('Timeout setting');
  });
});

describe('UDP that loses or repeats datagrams', () => {
  it('asks again for a chunk whose datagram was lost, and reads every record', async () => {
    const device = await simulator({ recordCount: 3000, faults: { dropEveryNthDatagram: 40 } });
    const client = await connect(device, { transport: 'udp', timeoutMs: 300 });
    const { records } = await client.readAttendance();
    expect(punchesOf(records)).toEqual(punchesOf(device.records));
  });

  it('ignores repeated datagrams', async () => {
    const device = await simulator({ recordCount: 3000, faults: { repeatEveryNthDatagram: 5 } });
    const client = await connect(device, { transport: 'udp', timeoutMs: 300 });
    const { records } = await client.readAttendance();
    expect(punchesOf(records)).toEqual(punchesOf(device.records));
  });

  it('gives up after a few tries, saying the link loses packets', async () => {
    const device = await simulator({ recordCount: 3000, faults: { dropEveryNthDatagram: 1 } });
    const client = await connect(device, { transport: 'udp', timeoutMs: 300 });
    const error = await rejection(client.readAttendance());
    expect(error.code).toBe('packets-lost');
    expect(error.message).toContain('loses packets');
    expect(error.action).toContain('TCP');
  });
});

describe('a terminal that sends with Nagle on', () => {
  it('reads every record while keeping its next chunk request ready, so the device never idles waiting for it', async () => {
    const device = await simulator({ recordCount: 12_000, faults: { nagle: true } });
    const client = await connect(device, { transport: 'tcp' });
    const progress: number[] = [];
    const { records } = await client.readAttendance((bytesRead) => progress.push(bytesRead));
    expect(punchesOf(records)).toEqual(punchesOf(device.records));
    expect(progress.length).toBeGreaterThan(5);
    expect(device.chunkStalls).toBe(0);
  });
});
