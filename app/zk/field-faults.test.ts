// The client against terminals that misbehave as field reports say real ones do (issue 10): each
// case turns on one simulator switch and checks what a person would see.
import { afterEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../sim/zk';
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
