// Each fault switch, set at start or while running, does what a client has to survive.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { CMD_ACK_ERROR, CMD_ACK_OK, CMD_ATTLOG_RRQ, CMD_DISABLEDEVICE, CMD_GET_FREE_SIZES, CMD_GET_TIME, CMD_GET_VERSION, CMD_OPTIONS_RRQ } from '../../zk/constants';
import { decodeFreeSizes } from '../../zk/free-sizes';
import { encodePacket, hasValidChecksum } from '../../zk/packet';
import { RawUdpClient } from './raw-client';
import { simulatorPerTest } from './test-session';

const session = simulatorPerTest();

const connectedTcp = session.connectedTcp;

async function connectedUdp(): Promise<RawUdpClient> {
  const client = session.track(await RawUdpClient.open(session.simulator.port));
  await client.command(1000);
  return client;
}

function tcpConnectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('fault switches', () => {
  it('sends a chunk as separate TCP segments, and as one write when told to coalesce', async () => {
    const client = await connectedTcp({ recordCount: 200 });
    const readsBefore = client.reads;
    await client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0);
    const separateReads = client.reads - readsBefore;

    await session.simulator.setFaults({ coalesceChunks: true });
    const coalescedBefore = client.reads;
    const { dataset } = await client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0);
    expect(dataset.length).toBe(4 + 200 * 40);
    // PREPARE_BUFFER + (PREPARE_DATA, DATA, ACK_OK) + FREE_DATA: 5 reads apart, 3 when coalesced.
    expect(separateReads).toBe(5);
    expect(client.reads - coalescedBefore).toBe(3);
  });

  it("spaces a chunk's packets by packetGapMs, for clients in another process", async () => {
    const client = await connectedTcp({ recordCount: 200, packetGapMs: 40 });
    const started = Date.now();
    const { firstChunk } = await client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0);
    expect(firstChunk).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 40 - 5);
  });

  it('drops the connection after exactly N bytes', async () => {
    const client = await connectedTcp({ recordCount: 200, faults: { dropAfterBytes: 1000 } });
    await expect(client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0)).rejects.toThrow(/connection closed/);
    expect(client.received.length).toBe(1000);
  });

  it('delays every reply', async () => {
    const client = await connectedTcp();
    await session.simulator.setFaults({ delayMs: 150 });
    const started = Date.now();
    expect((await client.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_OK);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers ACK_ERROR to the chosen command only', async () => {
    const client = await connectedTcp({ faults: { ackErrorFor: CMD_GET_TIME } });
    expect((await client.command(CMD_GET_TIME)).command).toBe(CMD_ACK_ERROR);
    expect((await client.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_OK);
  });

  it('goes silent: accepts the connection and never answers', async () => {
    const client = await connectedTcp();
    await session.simulator.setFaults({ silent: true });
    await expect(client.command(CMD_GET_VERSION, undefined, 200)).rejects.toThrow(/no packet/);
    expect(session.simulator.connections).toBe(1);
    await session.simulator.setFaults({ silent: false });
    expect((await client.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_OK);
  });

  it('sends wrong checksums when told to', async () => {
    const client = await connectedTcp();
    await session.simulator.setFaults({ wrongChecksum: true });
    client.sendPacket(encodePacket(CMD_GET_VERSION, client.sessionId, 2));
    expect(hasValidChecksum(await client.nextPacket())).toBe(false);
    await session.simulator.setFaults({ wrongChecksum: false });
    client.sendPacket(encodePacket(CMD_GET_VERSION, client.sessionId, 3));
    expect(hasValidChecksum(await client.nextPacket())).toBe(true);
  });

  it('refuses TCP from the start while UDP answers', async () => {
    await session.start({ faults: { refuseTcp: true } });
    expect(await tcpConnectError(session.simulator.port)).toBe('ECONNREFUSED');
    const udp = await connectedUdp();
    expect((await udp.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_OK);
  });

  it('refuses new TCP connections while running, keeps the open one, and takes TCP back', async () => {
    const open = await connectedTcp();
    await session.simulator.setFaults({ refuseTcp: true });
    expect(await tcpConnectError(session.simulator.port)).toBe('ECONNREFUSED');
    expect((await open.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_OK);
    await session.simulator.setFaults({ refuseTcp: false });
    expect(await tcpConnectError(session.simulator.port)).toBeNull();
  });

  it('refuses UDP while TCP still answers', async () => {
    await session.start();
    await session.simulator.setFaults({ refuseUdp: true });
    const udp = await RawUdpClient.open(session.simulator.port);
    session.track(udp);
    await expect(udp.command(1000, undefined, 200)).rejects.toThrow(/no packet/);
    const tcp = await connectedTcp();
    expect((await tcp.command(CMD_GET_VERSION)).command).toBe(CMD_ACK_OK);
  });

  it('reports half, one more or one fewer records than the log holds, and still serves the whole log', async () => {
    const client = await connectedTcp({ recordCount: 40 });
    const reportedCount = async () => decodeFreeSizes((await client.command(CMD_GET_FREE_SIZES)).data).records;
    expect(await reportedCount()).toBe(40);
    for (const [fault, expected] of [['half', 20], ['one-more', 41], ['one-less', 39]] as const) {
      await session.simulator.setFaults({ misreportRecordCount: fault });
      expect(await reportedCount()).toBe(expected);
    }
    const { dataset } = await client.readBuffer(CMD_ATTLOG_RRQ, 0, 0xffc0);
    expect(dataset.readUInt32LE(0)).toBe(40 * 40);
  });

  it('answers an empty serial number, or refuses the serial number and MAC requests', async () => {
    const option = async (client: Awaited<ReturnType<typeof connectedTcp>>, key: string) => {
      const reply = await client.command(CMD_OPTIONS_RRQ, Buffer.from(`${key}\0`, 'latin1'));
      return reply.command === CMD_ACK_OK ? reply.data.toString('latin1').split('\0')[0] : 'refused';
    };
    const empty = await connectedTcp({ serialNumber: '' });
    expect(await option(empty, '~SerialNumber')).toBe('~SerialNumber=');
    await session.simulator.close();
    await session.start({ serialNumber: null, macAddress: null });
    const refusing = await connectedTcp();
    expect(await option(refusing, '~SerialNumber')).toBe('refused');
    expect(await option(refusing, 'MAC')).toBe('refused');
  });

  it('acknowledges "disable" but keeps logging punches when told to ignore it', async () => {
    const client = await connectedTcp({ faults: { ignoreDisable: true } });
    expect((await client.command(CMD_DISABLEDEVICE)).command).toBe(CMD_ACK_OK);
    session.simulator.punch({ userId: session.simulator.users[0]!.userId });
    expect(session.simulator.isDisabled).toBe(false);
    expect(session.simulator.queuedPunches).toHaveLength(0);
    expect(session.simulator.records).toHaveLength(51);
  });

  it('stays disabled after the session that disabled it dies, until the disable timeout runs out', async () => {
    const client = await connectedTcp({ faults: { staysDisabledAfterDisconnect: true } });
    const oneSecond = Buffer.alloc(4);
    oneSecond.writeUInt32LE(1);
    await client.command(CMD_DISABLEDEVICE, oneSecond);
    expect(session.simulator.lastDisableTimeoutSeconds).toBe(1);
    await client.close();
    await expect.poll(() => session.simulator.connections).toBe(0);
    expect(session.simulator.isDisabled).toBe(true);
    await expect.poll(() => session.simulator.isDisabled, { timeout: 5000 }).toBe(false);
  });

  it('without the switch, enables itself when the session that disabled it ends', async () => {
    const client = await connectedTcp();
    await client.command(CMD_DISABLEDEVICE);
    expect(session.simulator.isDisabled).toBe(true);
    await client.close();
    await expect.poll(() => session.simulator.isDisabled).toBe(false);
  });
});
