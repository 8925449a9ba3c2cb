// The client against the product simulator (app/sim/zk), for tests: simulators and clients opened
// through these helpers are closed after each test.
import { afterEach, expect } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../../sim/zk';
import { connectZk, ZkError, type ZkConnectOptions, type ZkDevice } from '../index';

const running: { simulators: ZkSimulator[]; clients: ZkDevice[] } = { simulators: [], clients: [] };

afterEach(async () => {
  await Promise.all(running.clients.splice(0).map((client) => client.disconnect()));
  await Promise.all(running.simulators.splice(0).map((simulator) => simulator.close()));
});

export async function simulator(options: ZkSimulatorOptions): Promise<ZkSimulator> {
  const started = await startZkSimulator(options);
  running.simulators.push(started);
  return started;
}

export async function connect(target: ZkSimulator, options: Partial<ZkConnectOptions> = {}): Promise<ZkDevice> {
  const client = await connectZk({ host: target.host, port: target.port, timeoutMs: 2000, ...options });
  running.clients.push(client);
  return client;
}

/** What a person compares of a punch: who, when, in or out, how they verified. */
export const punchesOf = (records: readonly { userId: string; time: string; state: number; verify: number }[]) =>
  records.map(({ userId, time, state, verify }) => ({ userId, time, state, verify }));

/** The ZkError a promise is rejected with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<ZkError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ZkError);
  return error as ZkError;
}
