// Test support: one simulator per test and the raw clients opened on it, all closed after each test.
import { afterEach } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from './index';
import { RawTcpClient } from './raw-client';

export interface SimulatorSession {
  /** The simulator of the running test; fails the test when none was started. */
  readonly simulator: ZkSimulator;
  start(options?: ZkSimulatorOptions): Promise<ZkSimulator>;
  /** Close this client after the test. */
  track<T extends { close(): Promise<void> }>(client: T): T;
  /** A TCP client past CMD_CONNECT, on the running simulator or on one started with `options`. */
  connectedTcp(options?: ZkSimulatorOptions): Promise<RawTcpClient>;
}

export function simulatorPerTest(): SimulatorSession {
  let current: ZkSimulator | undefined;
  const clients: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await current?.close();
    current = undefined;
  });
  const session: SimulatorSession = {
    get simulator() {
      if (!current) throw new Error('No simulator was started in this test');
      return current;
    },
    async start(options = {}) {
      current = await startZkSimulator(options);
      return current;
    },
    track(client) {
      clients.push(client);
      return client;
    },
    async connectedTcp(options = {}) {
      current ??= await startZkSimulator(options);
      const client = session.track(await RawTcpClient.connect(current.port));
      await client.command(1000);
      return client;
    },
  };
  return session;
}
