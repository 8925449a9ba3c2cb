// The client against terminals that misbehave as field reports say real ones do (issue 10): each
// case turns on one simulator switch and checks what a person would see.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startZkSimulator, type LiveEventSize, type ZkSimulator, type ZkSimulatorOptions } from '../sim/zk';
import type { AttendanceRecord } from './attendance-records';
import { CMD_OPTIONS_RRQ } from './constants';
import { connectZk, ZkError, type ZkConnectOptions, type ZkDevice } from './index';

const running: { simulators: ZkSimulator[]; clients: ZkDevice[] } = { simulators: [], clients: [] };

afterEach(async () => {
  await Promise.all(running.clients.splice(0).map((client) => client.disconnect()));
  await Promise.all(running.simulators.splice(0).map((simulator) => simulator.close()));
});

async function simulator(options: ZkSimulatorOptions): Promise<ZkSimulator> {
  const started = await startZkSimulator(options);
  running.simulators.push(started);
  return started;
}

async function connect(target: ZkSimulator, options: Partial<ZkConnectOptions> = {}): Promise<ZkDevice> {
  const client = await connectZk({ host: target.host, port: target.port, timeoutMs: 2000, ...options });
  running.clients.push(client);
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<ZkError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ZkError);
  return error as ZkError;
}

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
