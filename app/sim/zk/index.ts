// A ZK terminal as pyzk sees one, on TCP and UDP on one port: demo mode, device trials, tests and
// benchmarks run against it.
import { SimulatedDevice, type LivePunch } from './device';
import { resolveOptions, type ZkFaults, type ZkSimulatorOptions } from './options';
import type { SimulatedRecord, SimulatedUser } from './roster';
import type { SimulatedTemplate } from './templates';
import { TcpListener } from './tcp-listener';
import { UdpListener } from './udp-listener';

export type { LivePunch } from './device';
export type { AttendanceRecordSize, LiveEventSize, NameEncoding, UserRecordSize, ZkFaults, ZkSimulatorOptions } from './options';
export type { SimulatedRecord, SimulatedUser } from './roster';
export type { SimulatedTemplate } from './templates';

export interface ZkSimulator {
  readonly host: string;
  readonly port: number;
  /** null: the device refuses the serial number request. */
  readonly serialNumber: string | null;
  /** The attendance log as the device holds it now (live punches included, queued ones not). */
  readonly records: readonly SimulatedRecord[];
  readonly users: readonly SimulatedUser[];
  readonly templates: readonly SimulatedTemplate[];
  /** Punches made while the device was disabled, delivered when it is enabled again. */
  readonly queuedPunches: readonly SimulatedRecord[];
  /** How many times the attendance log was cleared (CMD_CLEAR_ATTLOG or CMD_CLEAR_DATA). */
  readonly clearCount: number;
  readonly isDisabled: boolean;
  /** How many times the keypad was locked (CMD_DISABLEDEVICE), and the unlock timeout the last lock carried. */
  readonly disableCount: number;
  readonly lastDisableTimeoutSeconds: number | null;
  /** Open TCP connections plus UDP clients that have not sent CMD_EXIT. */
  readonly connections: number;
  /** Connections registered for realtime attendance events (CMD_REG_EVENT): a punch now reaches them live. */
  readonly eventSubscribers: number;
  /** Realtime attendance events sent, and ACK_OKs received for them. */
  readonly eventsSent: number;
  readonly eventsAcked: number;
  /** CMD_AUTH packets received: a client that sent one offered a comm key to this device. */
  readonly authAttempts: number;
  /** Packets refused in strict checksum mode. */
  readonly rejectedChecksums: number;
  /**
   * TCP chunk answers after which no request of the client was waiting: each one a round trip,
   * and with `nagle` a delayed ACK, that a client keeping its next request ready does not pay.
   */
  readonly chunkStalls: number;
  readonly faults: Readonly<ZkFaults>;
  /** The device clock now, `YYYY-MM-DD HH:mm:ss`. */
  deviceTime(): string;
  /** Seconds the device clock runs ahead of this PC (negative: behind); CMD_SET_TIME changes it. */
  readonly clockOffsetSeconds: number;
  /** Someone punches at the terminal now (or at `time`). */
  punch(punch: LivePunch): SimulatedRecord;
  /** Changes fault switches while running; resolves once TCP/UDP refusal has taken effect. */
  setFaults(faults: Partial<ZkFaults>): Promise<void>;
  close(): Promise<void>;
}

const PORT_ATTEMPTS = 10;

export async function startZkSimulator(options: ZkSimulatorOptions = {}): Promise<ZkSimulator> {
  const resolved = resolveOptions(options);
  const device = new SimulatedDevice(resolved);
  const tcp = new TcpListener(device);
  const udp = new UdpListener(device);
  const port = await listenOnOnePort(tcp, udp, resolved.host, resolved.port);

  const applyRefusals = async () => {
    const { refuseTcp, refuseUdp } = device.faults;
    if (refuseTcp && tcp.isListening) await tcp.stop(false);
    if (!refuseTcp && !tcp.isListening) await tcp.listen(resolved.host, port);
    if (refuseUdp && udp.isListening) await udp.stop();
    if (!refuseUdp && !udp.isListening) await udp.listen(resolved.host, port);
  };
  await applyRefusals();

  return {
    host: resolved.host,
    port,
    serialNumber: resolved.serialNumber,
    get records() {
      return device.records;
    },
    get users() {
      return device.users;
    },
    get templates() {
      return device.templates;
    },
    get queuedPunches() {
      return device.queuedPunches;
    },
    get clearCount() {
      return device.clearCount;
    },
    get isDisabled() {
      return device.isDisabled;
    },
    get disableCount() {
      return device.disableCount;
    },
    get lastDisableTimeoutSeconds() {
      return device.lastDisableTimeoutSeconds;
    },
    get connections() {
      return tcp.openConnections + udp.openSessions;
    },
    get eventsSent() {
      return device.eventsSent;
    },
    get eventsAcked() {
      return device.eventsAcked;
    },
    get authAttempts() {
      return device.authAttempts;
    },
    get eventSubscribers() {
      return device.eventSubscribers;
    },
    get rejectedChecksums() {
      return device.rejectedChecksums;
    },
    get chunkStalls() {
      return device.chunkStalls;
    },
    get faults() {
      return { ...device.faults };
    },
    get clockOffsetSeconds() {
      return device.clock.offsetSeconds;
    },
    deviceTime: () => device.clock.nowText(),
    punch: (punch) => device.punch(punch),
    setFaults: async (faults) => {
      device.faults = { ...device.faults, ...faults };
      await applyRefusals();
    },
    close: async () => {
      await Promise.all([tcp.stop(true), udp.stop()]);
    },
  };
}

/** Binds TCP and UDP to the same port; with port 0, retries until a port is free on both. */
async function listenOnOnePort(tcp: TcpListener, udp: UdpListener, host: string, port: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const tcpPort = await tcp.listen(host, port);
    try {
      await udp.listen(host, tcpPort);
      return tcpPort;
    } catch (error) {
      await tcp.stop(true);
      if (port !== 0 || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}
