// Live capture (docs/zk-protocol.md §1.9): a lasting connection to each device switched to "live",
// each punch saved in the journal the moment the device reports it, then pushed soon after. Any
// drop is followed by a reconnect with backoff; the scheduled full read still runs and catches what
// was missed meanwhile, and the punch identity makes the overlap harmless.
import type { ApiError } from '../vocabulary';
import type { Journal, StoredDevice } from '../journal';
import type { Logger } from '../log';
import { deviceCommKeyName } from '../settings';
import { connectZk, ZkError, type ZkConnectOptions, type ZkDevice } from '../zk';
import { connectOptionsFor } from './device-connection';
import { claimIdentity, readReportedIdentity } from './device-identity';
import type { SecretSource } from './sync-engine';

/** Reconnect waits: 1 s, doubling, at most a minute. */
export const LIVE_RECONNECT_MIN_MS = 1000;
export const LIVE_RECONNECT_MAX_MS = 60_000;
/** After this many failed connections in a row the device shows the error. */
const FAILURES_BEFORE_ERROR = 3;
const ANSWER_TIMEOUT_MS = 8000;

export interface LiveCaptureOptions {
  journal: Journal;
  secrets: SecretSource;
  /** Called after each punch is committed. */
  onPunch(): void;
  zkConnect?: (options: ZkConnectOptions) => Promise<ZkDevice>;
  logger?: Logger;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How long a connection may stay quiet before the device is asked whether it is still there. */
  heartbeatMs?: number;
  /** How long to wait for the device to answer a connect or a heartbeat. */
  timeoutMs?: number;
}

export interface LiveCapture {
  /** Start, restart or stop each device's capture to match the journal's device list now. */
  refresh(): void;
  /** Devices with a capture running, and whether each is connected. */
  status(): { deviceId: string; connected: boolean }[];
  close(): Promise<void>;
}

interface Capture {
  /** What the connection depends on: a change restarts it. */
  fingerprint: string;
  controller: AbortController;
  connected: boolean;
  done: Promise<void>;
}

export function createLiveCapture(options: LiveCaptureOptions): LiveCapture {
  const captures = new Map<string, Capture>();
  const stop = (deviceId: string) => {
    captures.get(deviceId)?.controller.abort();
    captures.delete(deviceId);
  };

  return {
    refresh() {
      const wanted = new Map<string, StoredDevice>();
      for (const device of options.journal.listDevices()) {
        // A device fed by ADMS pushes its punches itself and has no 4370 port to hold open.
        if (device.enabled && device.live && options.journal.admsSerialOf(device.id) === null) wanted.set(device.id, device);
      }
      for (const deviceId of [...captures.keys()]) if (!wanted.has(deviceId)) stop(deviceId);
      for (const device of wanted.values()) {
        const fingerprint = fingerprintOf(device, options.secrets.get(deviceCommKeyName(device.id)));
        if (captures.get(device.id)?.fingerprint === fingerprint) continue;
        stop(device.id);
        const capture: Capture = { fingerprint, controller: new AbortController(), connected: false, done: Promise.resolve() };
        capture.done = captureLoop(device, capture, options);
        captures.set(device.id, capture);
      }
    },
    status: () => [...captures].map(([deviceId, capture]) => ({ deviceId, connected: capture.connected })),
    async close() {
      const running = [...captures.values()];
      for (const capture of running) capture.controller.abort();
      captures.clear();
      await Promise.all(running.map((capture) => capture.done));
    },
  };
}

function fingerprintOf(device: StoredDevice, commKey: string | null): string {
  return JSON.stringify([device.host, device.port, device.transport, device.nameEncoding, commKey]);
}

async function captureLoop(device: StoredDevice, capture: Capture, options: LiveCaptureOptions): Promise<void> {
  const { signal } = capture.controller;
  const connect = options.zkConnect ?? connectZk;
  const minMs = options.reconnectMinMs ?? LIVE_RECONNECT_MIN_MS;
  const maxMs = options.reconnectMaxMs ?? LIVE_RECONNECT_MAX_MS;
  const commKey = options.secrets.get(deviceCommKeyName(device.id));
  let failures = 0;
  while (!signal.aborted) {
    let zk: ZkDevice | null = null;
    try {
      zk = await connect({ ...connectOptionsFor(device, commKey), timeoutMs: options.timeoutMs ?? ANSWER_TIMEOUT_MS });
      const identity = claimIdentity(await readReportedIdentity(zk), device, (serial) => options.journal.deviceCarryingSerial(serial));
      if (identity.warning) options.logger?.warn(`Live capture: ${identity.warning}`);
      if (signal.aborted) break;
      failures = 0;
      capture.connected = true;
      options.logger?.info(`Live capture: listening to ${device.name} (${device.host}:${device.port})`);
      const onUnreadableEvent = (data: Buffer) =>
        options.logger?.warn(`Live capture: ${device.name} sent a live punch in a layout Punchbridge does not know (${data.length} bytes: ${data.toString('hex')}); such punches arrive with the next sync instead. Please report these bytes.`);
      for await (const record of zk.liveEvents({ signal, heartbeatMs: options.heartbeatMs, onUnreadableEvent })) {
        const punch = { userId: record.userId, deviceTime: record.time, punchStateCode: record.state, verifyType: record.verify };
        options.journal.insertPunches(identity.serial, device.id, 'live', [punch]);
        options.logger?.info(`Live punch on ${device.name}: user ${record.userId} at ${record.time}`);
        options.onPunch();
      }
      if (!signal.aborted) options.logger?.warn(`Live capture: ${device.name} closed the connection`);
    } catch (error) {
      failures++;
      // A background loop must not die on a bug either: it is logged, and the loop retries.
      if (!(error instanceof ZkError)) options.logger?.error(`Live capture of ${device.name} failed unexpectedly`, error);
      else {
        options.logger?.warn(`Live capture: ${device.name}: ${error.message}`);
        if (failures === FAILURES_BEFORE_ERROR) options.journal.recordDeviceError(device.id, liveError(error.toApiError()));
      }
    } finally {
      capture.connected = false;
      await zk?.disconnect().catch(() => undefined);
    }
    if (signal.aborted) break;
    await sleep(Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1)), signal);
  }
}

function liveError(error: ApiError): ApiError {
  return { ...error, message: `Live capture cannot stay connected: ${error.message}` };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
