// Independent clients read the simulator: node-zklib 1.3.0 and zkteco-js, in the modes where those
// libraries work. Where a library is known to lose or mangle data (docs/zk-protocol.md §2.3, §2.4),
// the test asserts that known behaviour, so the simulator is shown to reproduce what real devices
// provoke.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from './index';

interface LibraryUser {
  userId: string;
  name: string;
}
interface NodeZklib {
  createSocket(): Promise<unknown>;
  getInfo(): Promise<{ userCounts: number; logCounts: number; logCapacity: number }>;
  getUsers(): Promise<{ data: LibraryUser[]; err: Error | null }>;
  getAttendances(): Promise<{ data: { deviceUserId: string }[]; err: Error | null }>;
  getRealTimeLogs(callback: (event: { userId: string; attTime: Date }) => void): Promise<void>;
  disconnect(): Promise<void>;
}
interface ZktecoJs {
  createSocket(): Promise<boolean>;
  getInfo(): Promise<{ userCounts: number; logCounts: number }>;
  getSerialNumber(): Promise<string>;
  getDeviceName(): Promise<string>;
  getUsers(): Promise<{ data: LibraryUser[] }>;
  getAttendances(): Promise<{ data: { user_id: string; state: number; type: number }[] }>;
  disableDevice(): Promise<unknown>;
  enableDevice(): Promise<unknown>;
  clearAttendanceLog(): Promise<unknown>;
  disconnect(): Promise<void>;
}

const require = createRequire(import.meta.url);
const NodeZklibClass = require('node-zklib') as new (ip: string, port: number, timeout: number, inport: number) => NodeZklib;
const ZktecoJsClass = require('zkteco-js') as new (ip: string, port: number, timeout: number, inport: number) => ZktecoJs;

let simulator: ZkSimulator | undefined;
let disconnect: (() => Promise<void>) | undefined;

afterEach(async () => {
  await disconnect?.();
  disconnect = undefined;
  await simulator?.close();
  simulator = undefined;
  vi.restoreAllMocks();
});

async function nodeZklib(options: ZkSimulatorOptions): Promise<NodeZklib> {
  // Both libraries print progress ("ok tcp", "TCP connection successful") and errors to the console.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  simulator = await startZkSimulator(options);
  const client = new NodeZklibClass('127.0.0.1', simulator.port, 3000, 0);
  await client.createSocket();
  disconnect = () => client.disconnect();
  return client;
}

describe('node-zklib 1.3.0 over TCP without comm key', () => {
  it('reads a small users table answered directly with CMD_DATA; its ascii decoding mangles non-ASCII names', async () => {
    const client = await nodeZklib({ userCount: 8, recordCount: 1500 });
    expect(await client.getInfo()).toEqual({ userCounts: 8, logCounts: 1500, logCapacity: 200_000 });
    const users = await client.getUsers();
    expect(users.err).toBeFalsy();
    expect(users.data.map((user) => user.userId)).toEqual(simulator!.users.map((user) => user.userId));
    // Defect 7: names are decoded as 'ascii', so accented letters never survive.
    const accented = simulator!.users.filter((user) => /[^\x20-\x7e]/.test(user.name));
    expect(accented.length).toBeGreaterThan(0);
    for (const user of accented) expect(users.data.find((read) => read.userId === user.userId)!.name).not.toBe(user.name);
  });

  it('reads every record of a two-chunk log when the packets arrive separately', async () => {
    const client = await nodeZklib({ userCount: 50, recordCount: 3000 });
    const records = await client.getAttendances();
    expect(records.err).toBeFalsy();
    expect(records.data).toHaveLength(3000);
    expect(records.data.map((record) => record.deviceUserId)).toEqual(simulator!.records.map((record) => record.userId));
  });

  it('cuts 13-digit user ids to 9 characters (defect 4), so different employees collapse into one', async () => {
    const client = await nodeZklib({ userCount: 20, recordCount: 100, longIds: true });
    const users = await client.getUsers();
    expect(new Set(simulator!.users.map((user) => user.userId)).size).toBe(20);
    expect(new Set(users.data.map((user) => user.userId))).toEqual(new Set(['123456789']));
  });

  it('loses records when each chunk arrives in one TCP write (defect 1)', async () => {
    const client = await nodeZklib({ userCount: 5, recordCount: 3000, faults: { coalesceChunks: true } });
    const reading = client.getAttendances();
    // node-zklib waits 10 s before giving up with partial data; closing the connection makes it return now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await simulator!.close();
    const records = await reading;
    expect(records.err?.message).toMatch(/disconnected/);
    expect(records.data.length).toBeLessThan(3000);
    disconnect = undefined;
  });

  it('cannot log in with a comm key (defect 8): connecting "succeeds", the first real command fails', async () => {
    const client = await nodeZklib({ commKey: 1234 });
    await expect(client.getInfo()).rejects.toBeDefined();
  });

  it('receives a live punch, but never ACKs the event (defect 12)', async () => {
    const client = await nodeZklib({ eventSize: 36 });
    const events: { userId: string }[] = [];
    await client.getRealTimeLogs((event) => events.push(event));
    // getRealTimeLogs does not wait for the device's answer to REG_EVENT.
    await new Promise((resolve) => setTimeout(resolve, 100));
    simulator!.punch({ userId: '7' });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]!.userId).toBe('7');
    expect(simulator!.eventsAcked).toBe(0);
  });
});

describe('node-zklib 1.3.0 over UDP', () => {
  it('falls back to UDP when TCP is refused and reads 28-byte users and 16-byte records, the sizes it assumes on UDP (defect 3)', async () => {
    const client = await nodeZklib({ userCount: 40, recordCount: 2000, userRecordSize: 28, recordSize: 16, faults: { refuseTcp: true } });
    const users = await client.getUsers();
    expect(users.data.map((user) => String(user.userId))).toEqual(simulator!.users.map((user) => user.userId));
    const records = await client.getAttendances();
    expect(records.err).toBeFalsy();
    expect(records.data.map((record) => String(record.deviceUserId))).toEqual(simulator!.records.map((record) => record.userId));
    await client.disconnect();
    disconnect = undefined;
    expect(simulator!.connections).toBe(0);
  });
});

describe('zkteco-js over TCP without comm key', () => {
  it('reads facts, users and a two-chunk log with states and verify types; disables, enables and clears', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    simulator = await startZkSimulator({ userCount: 30, recordCount: 2500, serialNumber: 'AF4C211360651' });
    const client = new ZktecoJsClass('127.0.0.1', simulator.port, 3000, 0);
    await client.createSocket();
    disconnect = () => client.disconnect();

    expect(await client.getSerialNumber()).toBe('AF4C211360651');
    expect(await client.getDeviceName()).toBe('Punchbridge Simulator');
    expect(await client.getInfo()).toMatchObject({ userCounts: 30, logCounts: 2500 });
    expect((await client.getUsers()).data.map((user) => user.userId)).toEqual(simulator.users.map((user) => user.userId));
    const records = (await client.getAttendances()).data;
    expect(records.map((record) => [record.user_id, record.state, record.type])).toEqual(
      simulator.records.map((record) => [record.userId, record.state, record.verify]),
    );
    await client.disableDevice();
    expect(simulator.isDisabled).toBe(true);
    await client.enableDevice();
    expect(simulator.isDisabled).toBe(false);
    await client.clearAttendanceLog();
    expect(simulator.clearCount).toBe(1);
    expect(simulator.records).toHaveLength(0);
  });
});
