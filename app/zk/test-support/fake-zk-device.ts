// A scripted ZK peer for the client's tests: just enough of a device, on TCP and UDP at one port,
// with switches for the faults the client must survive. The product simulator is app/sim/zk.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { makeCommKey } from '../comm-key';
import * as C from '../constants';
import { decodePacket, encodePacket, TcpPacketReader, wrapTcp, type ZkPacket } from '../packet';
import { freeSizesBytes } from './record-bytes';

export interface FakeDeviceOptions {
  sessionId?: number;
  commKey?: number;
  options?: Record<string, string>;
  users?: { dataset: Buffer; count: number };
  records?: { dataset: Buffer; count: number };
  deviceTime?: number;
  /** Write each chunk's PREPARE_DATA, DATA and ACK_OK as one TCP write. */
  coalesce?: boolean;
  /** Split TCP chunk data into CMD_DATA packets of this size (UDP always uses 1024). */
  dataPieceSize?: number;
  /** Close the connection once this many dataset bytes were sent. */
  dropAfterBytes?: number;
  /** Accept connections, never answer. */
  silent?: boolean;
  /** Answer every TCP read with an HTTP error, as a web server would. */
  garbage?: boolean;
  /** Commands answered with ACK_ERROR. */
  refuse?: number[];
  /** Answer CONNECT with this code instead. */
  connectReply?: number;
  /** Commands the device never answers. */
  ignore?: number[];
  /** Serve UDP only: the TCP port is closed (connections are refused). */
  udpOnly?: boolean;
}

export interface FakeZkDevice {
  port: number;
  /** Every packet the device received, in order. */
  received: ZkPacket[];
  eventAcks: number;
  openConnections(): number;
  pushEvent(data: Buffer, eventCode?: number): void;
  close(): Promise<void>;
}

type Reply = (packets: Buffer[]) => void;

export async function startFakeZkDevice(options: FakeDeviceOptions = {}): Promise<FakeZkDevice> {
  const sockets = new Set<Socket>();
  let pushTarget: ((packet: Buffer) => void) | null = null;
  let closed = false;
  const device: FakeZkDevice = {
    port: 0,
    received: [],
    eventAcks: 0,
    openConnections: () => sockets.size,
    pushEvent: (data, eventCode = C.EF_ATTLOG) => pushTarget?.(encodePacket(C.CMD_REG_EVENT, eventCode, 0, data)),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
  const state = { authenticated: !options.commKey, dataset: Buffer.alloc(0) as Buffer, records: options.records, sent: 0 };
  const sessionId = options.sessionId ?? 0x45cf;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reader = new TcpPacketReader();
    pushTarget = (packet) => socket.write(wrapTcp(packet));
    socket.on('data', (bytes: Buffer) => {
      if (options.garbage) return void socket.write('HTTP/1.1 400 Bad Request\r\n\r\n');
      for (const raw of reader.push(bytes)) {
        const reply: Reply = (packets) => {
          if (options.coalesce) socket.write(Buffer.concat(packets.map(wrapTcp)));
          else for (const packet of packets) socket.write(wrapTcp(packet));
        };
        handle(decodePacket(raw), reply, () => socket.destroy(), options.dataPieceSize ?? 0xffff);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  device.port = (server.address() as AddressInfo).port;

  const udp = createSocket('udp4');
  udp.on('message', (bytes: Buffer, from: RemoteInfo) => {
    const send = (packet: Buffer) => udp.send(packet, from.port, from.address);
    pushTarget = send;
    handle(decodePacket(bytes), (packets) => packets.forEach(send), () => undefined, C.UDP_MAX_DATA);
  });
  await new Promise<void>((resolve) => udp.bind(device.port, '127.0.0.1', resolve));
  if (options.udpOnly) await new Promise((resolve) => server.close(resolve));

  function handle(request: ZkPacket, reply: Reply, drop: () => void, pieceSize: number): void {
    device.received.push(request);
    if (options.silent || options.ignore?.includes(request.command)) return;
    const answer = (command: number, data?: Buffer) => encodePacket(command, sessionId, request.replyId, data);
    const command = request.command;
    if (command === C.CMD_ACK_OK && request.replyId === 0) return void device.eventAcks++;
    if (command === C.CMD_CONNECT) return reply([answer(options.connectReply ?? (state.authenticated ? C.CMD_ACK_OK : C.CMD_ACK_UNAUTH))]);
    if (command === C.CMD_AUTH) {
      const expected = makeCommKey(options.commKey ?? 0, sessionId, request.data[2]);
      state.authenticated = request.data.equals(expected);
      return reply([answer(state.authenticated ? C.CMD_ACK_OK : C.CMD_ACK_UNAUTH)]);
    }
    if (!state.authenticated) return reply([answer(C.CMD_ACK_UNAUTH)]);
    if (options.refuse?.includes(command)) return reply([answer(C.CMD_ACK_ERROR)]);
    switch (command) {
      case C.CMD_OPTIONS_RRQ: {
        const key = request.data.toString('latin1').replace(/\0.*$/s, '');
        const value = { '~SerialNumber': 'FAKE0001', '~DeviceName': 'K40', '~Platform': 'ZMM220_TFT', ...options.options }[key];
        return reply([value === undefined ? answer(C.CMD_ACK_ERROR) : answer(C.CMD_ACK_OK, Buffer.from(`${key}=${value}\0`))]);
      }
      case C.CMD_GET_VERSION:
        return reply([answer(C.CMD_ACK_OK, Buffer.from('Ver 6.60 Apr 28 2017\0'))]);
      case C.CMD_GET_FREE_SIZES:
        return reply([answer(C.CMD_ACK_OK, freeSizesBytes({ users: options.users?.count ?? 0, records: state.records?.count ?? 0 }))]);
      case C.CMD_GET_TIME: {
        const data = Buffer.alloc(4);
        data.writeUInt32LE(options.deviceTime ?? 776764800);
        return reply([answer(C.CMD_ACK_OK, data)]);
      }
      case C.CMD_CLEAR_ATTLOG:
        state.records = undefined;
        return reply([answer(C.CMD_ACK_OK)]);
      case C.CMD_PREPARE_BUFFER: {
        const table = request.data.readUInt16LE(1);
        state.dataset = (table === C.CMD_ATTLOG_RRQ ? state.records?.dataset : options.users?.dataset) ?? Buffer.alloc(4);
        if (state.dataset.length < 1024) return reply([answer(C.CMD_DATA, state.dataset)]);
        const sizes = Buffer.alloc(13);
        sizes.writeUInt32LE(state.dataset.length, 1);
        sizes.writeUInt32LE(state.dataset.length, 5);
        return reply([answer(C.CMD_ACK_OK, sizes)]);
      }
      case C.CMD_READ_BUFFER:
        return sendChunk(request.data.readInt32LE(0), request.data.readInt32LE(4), answer, reply, drop, pieceSize);
      case C.CMD_EXIT:
        reply([answer(C.CMD_ACK_OK)]);
        return drop();
      default:
        return reply([answer(C.CMD_ACK_OK)]);
    }
  }

  function sendChunk(start: number, size: number, answer: (command: number, data?: Buffer) => Buffer, reply: Reply, drop: () => void, pieceSize: number) {
    const prepare = Buffer.alloc(8);
    prepare.writeUInt32LE(size, 0);
    prepare.writeUInt32LE(0x3f0, 4);
    const packets = [answer(C.CMD_PREPARE_DATA, prepare)];
    const chunk = state.dataset.subarray(start, start + size);
    for (let offset = 0; offset < chunk.length; offset += pieceSize) {
      const piece = chunk.subarray(offset, offset + pieceSize);
      if (options.dropAfterBytes !== undefined && state.sent + piece.length > options.dropAfterBytes) {
        reply(packets);
        return drop();
      }
      state.sent += piece.length;
      packets.push(answer(C.CMD_DATA, piece));
    }
    packets.push(answer(C.CMD_ACK_OK));
    reply(packets);
  }

  return device;
}
