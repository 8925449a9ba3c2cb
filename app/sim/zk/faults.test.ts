// Each fault switch, set at start or while running, does what a client has to survive.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { CMD_ACK_ERROR, CMD_ACK_OK, CMD_ATTLOG_RRQ, CMD_GET_TIME, CMD_GET_VERSION } from '../../zk/constants';
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
});
