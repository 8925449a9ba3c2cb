// Support traces: recorded from a session with the simulator, masked, written as a file, read back
// and replayed as a golden vector with the same client.
import { afterEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator } from '../sim/zk';
import { CMD_AUTH, CMD_CONNECT, CMD_EXIT, CMD_READ_BUFFER } from './constants';
import { parseZkTrace, probeDevice, ZkTrace } from './index';
import { commandsOf, replayTrace, type TraceReplay } from './test-support/trace-replay';

const running: { simulators: ZkSimulator[]; replays: TraceReplay[] } = { simulators: [], replays: [] };
afterEach(async () => {
  await Promise.all(running.simulators.splice(0).map((simulator) => simulator.close()));
  await Promise.all(running.replays.splice(0).map((replay) => replay.close()));
});

const COMM_KEY = 4321;
const fixedNow = () => new Date(2026, 10, 25, 9, 0, 0);

async function recordProbe() {
  const device = await startZkSimulator({ commKey: COMM_KEY, userCount: 900, recordCount: 5000, longIds: true, nameEncoding: 'utf8' });
  running.simulators.push(device);
  const trace = new ZkTrace();
  const probe = await probeDevice({ host: device.host, port: device.port, transport: 'tcp', commKey: COMM_KEY, trace }, { users: true, records: true }, fixedNow);
  return { device, trace, probe };
}

describe('support traces', () => {
  it('records every packet both ways, timed, with the comm key and names masked', async () => {
    const { device, trace } = await recordProbe();
    const file = parseZkTrace(JSON.stringify(trace.toFile()));
    expect(file).toMatchObject({ format: 'punchbridge-zk-trace', version: 1, transport: 'tcp', masked: ['comm key', 'user names', 'user passwords'] });
    expect(commandsOf(file, 'client')[0]).toBe(CMD_CONNECT);
    expect(commandsOf(file, 'client')).toContain(CMD_READ_BUFFER);
    expect(commandsOf(file, 'client').at(-1)).toBe(CMD_EXIT);
    expect(file.packets.map((packet) => packet.ms)).toEqual([...file.packets.map((packet) => packet.ms)].sort((a, b) => a - b));
    const auth = file.packets.find((packet) => packet.from === 'client' && Buffer.from(packet.hex, 'hex').readUInt16LE(0) === CMD_AUTH)!;
    expect(auth.hex.slice(16)).toBe('00000000');
    const everything = Buffer.concat(file.packets.map((packet) => Buffer.from(packet.hex, 'hex')));
    const named = device.users.filter((user) => user.name.length >= 4);
    expect(named.length).toBeGreaterThan(100);
    for (const user of named) expect(everything.includes(Buffer.from(user.name, 'utf8')), user.name).toBe(false);
    // The people's ids stay: they are what a support case needs to follow a punch.
    expect(everything.includes(Buffer.from(device.users[0]!.userId, 'latin1'))).toBe(true);
  });

  it('replays as a golden vector: the client sends the same bytes and reads the same device', async () => {
    const { trace, probe } = await recordProbe();
    const file = parseZkTrace(JSON.stringify(trace.toFile()));
    const replay = await replayTrace(file);
    running.replays.push(replay);
    const replayed = await probeDevice({ host: '127.0.0.1', port: replay.port, transport: 'tcp', commKey: COMM_KEY }, { users: true, records: true }, fixedNow);
    expect(replay.mismatches).toEqual([]);
    expect(replay.clientPacketsMatched).toBe(file.packets.filter((packet) => packet.from === 'client').length);
    expect(probe.ok && replayed.ok).toBe(true);
    if (!probe.ok || !replayed.ok) return;
    expect(replayed.value.records).toEqual(probe.value.records);
    expect(replayed.value.serialNumber).toBe(probe.value.serialNumber);
    expect(replayed.value.users!.map((user) => user.userId)).toEqual(probe.value.users!.map((user) => user.userId));
    expect(replayed.value.users!.every((user) => /^x*$/.test(user.name))).toBe(true);
  });

  it('tells a client that says something else from the trace', async () => {
    const { trace } = await recordProbe();
    const replay = await replayTrace(trace.toFile());
    running.replays.push(replay);
    // Records only: where the trace asks for the user list, this client asks for the attendance log.
    const other = await probeDevice({ host: '127.0.0.1', port: replay.port, transport: 'tcp', commKey: COMM_KEY }, { records: true }, fixedNow);
    expect(other.ok).toBe(false);
    expect(replay.mismatches).toHaveLength(1);
  });
});
