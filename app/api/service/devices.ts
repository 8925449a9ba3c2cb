// Devices: the journal keeps their settings and read history, the secret store their comm keys.
import { connectZk, probeDevice, ZkError, type ZkConnectOptions } from '../../zk';
import type { StoredDevice } from '../../journal';
import { deviceCommKeyName } from '../../settings';
import { claimIdentity, instantToWallClock, readReportedIdentity, wallClockToInstant } from '../../sync';
import { localTimeZone, type ApiError, type Device, type DeviceStatus, type PunchbridgeApi, type Result, type RunSummary } from '../contract';
import type { ServiceContext } from './context';
import { deviceNameTaken } from './device-names';
import { LOG_FILL_RUNS, logFullOf } from './log-fill';

const PROBE_TIMEOUT_MS = 8000;

type DeviceMethods = Pick<
  PunchbridgeApi,
  'listDevices' | 'addDevice' | 'updateDevice' | 'removeDevice' | 'testDevice' | 'readDeviceUsers' | 'setDeviceTime'
>;

export function deviceMethods(context: ServiceContext): DeviceMethods {
  const { journal, secrets } = context;
  const describe = (device: StoredDevice, runs: RunSummary[] = []): Device => {
    const logFull = logFullOf(device, runs);
    return {
      ...device,
      hasCommKey: Boolean(secrets.get(deviceCommKeyName(device.id))),
      status: deviceStatus(device, context.settings.getSyncSettings().clockSkewWarningSeconds),
      ...(logFull ? { logFull } : {}),
    };
  };
  const findDevice = (id: string): Result<StoredDevice> => {
    const device = journal.getDevice(id);
    return device ? { ok: true, value: device } : { ok: false, error: noSuchDevice(id) };
  };

  return {
    async listDevices() {
      const runs = journal.listRuns(LOG_FILL_RUNS);
      return journal.listDevices().map((device) => describe(device, runs));
    },
    async addDevice(input) {
      const { commKey, ...config } = input as Required<typeof input>;
      const taken = deviceNameTaken(journal, config.name);
      if (taken) return { ok: false, error: taken };
      const stored = journal.addDevice(config);
      if (commKey) secrets.set(deviceCommKeyName(stored.id), commKey);
      context.log.info(`Device added: ${stored.name} (${stored.host}:${stored.port})`);
      context.announceStatus();
      return { ok: true, value: describe(stored) };
    },
    async updateDevice({ id, changes }) {
      const { commKey, ...config } = changes;
      const taken = config.name === undefined ? null : deviceNameTaken(journal, config.name, id);
      if (taken) return { ok: false, error: taken };
      const updated = journal.updateDevice(id, config as Parameters<typeof journal.updateDevice>[1]);
      if (!updated) return { ok: false, error: noSuchDevice(id) };
      if (commKey === '') secrets.delete(deviceCommKeyName(id));
      else if (commKey) secrets.set(deviceCommKeyName(id), commKey);
      // ERPNext may have refused these punches for what the change fixes ("Log Type is required").
      if (SETTINGS_THAT_CHANGE_WHAT_IS_SENT.some((key) => key in config)) {
        const requeued = journal.requeueByState(['rejected'], id);
        if (requeued > 0) context.log.info(`${updated.name} changed: ${requeued} punches ERPNext refused are back in the queue`);
      }
      context.announceStatus();
      return { ok: true, value: describe(updated) };
    },
    async removeDevice({ id }) {
      const removed = journal.removeDevice(id);
      if (!removed) return { ok: false, error: noSuchDevice(id) };
      secrets.delete(deviceCommKeyName(id));
      context.log.info(`Device removed (${id}); ${removed.keptPunches} punches kept`);
      context.announceStatus();
      return { ok: true, value: removed };
    },
    async testDevice(input) {
      const saved = input.deviceId ? journal.getDevice(input.deviceId) : null;
      // The stored key signs in only at the address it was saved for, never at another host being tried.
      const atSavedAddress = saved !== null && saved.host === input.host && saved.port === (input.port ?? 4370);
      const commKey = input.commKey ?? (saved && atSavedAddress ? secrets.get(deviceCommKeyName(saved.id)) : null);
      return probeDevice({ ...connectOptions(input.host, input.port ?? 4370, input.transport ?? 'auto', commKey), timeoutMs: PROBE_TIMEOUT_MS });
    },
    async readDeviceUsers({ id }) {
      const found = findDevice(id);
      if (!found.ok) return found;
      return withDevice(context, found.value, async (zk) => {
        const users = await zk.readUsers();
        const { serial } = claimIdentity(await readReportedIdentity(zk), found.value, (owned) => journal.deviceCarryingSerial(owned));
        const deviceUsers = users.map((user) => ({ userId: user.userId, name: user.name, privilege: user.privilege, cardNumber: user.cardNumber }));
        journal.upsertDeviceUsers(serial, deviceUsers);
        return deviceUsers;
      });
    },
    async setDeviceTime({ id }) {
      const found = findDevice(id);
      if (!found.ok) return found;
      const zone = clockZoneOf(found.value, context);
      return withDevice(context, found.value, async (zk) => {
        const deviceTime = instantToWallClock(new Date(context.clock.now()), zone);
        await zk.setTime(deviceTime);
        // Read the clock back, so the Devices page shows the skew the device has now rather than
        // the one of the last sync (and a device that ignored the command still shows as off).
        const readBack = await zk.getTime();
        const clockSkewSeconds = Math.round((wallClockToInstant(readBack, zone).instant.getTime() - context.clock.now()) / 1000);
        const device = found.value;
        journal.recordDeviceRead(device.id, {
          serialNumber: await zk.getSerialNumber(),
          readAt: new Date(context.clock.now()).toISOString(),
          clockSkewSeconds,
          recordCount: device.recordCount,
          recordCapacity: device.recordCapacity,
        });
        context.log.info(`Set the clock of ${device.name} to ${deviceTime} (${zone}); it now reads ${readBack}`);
        context.announceStatus();
        return { deviceTime: readBack };
      });
    },
  };
}

function connectOptions(host: string, port: number, transport: 'auto' | 'udp', commKey: string | null | undefined): ZkConnectOptions {
  return { host, port, transport, commKey: commKey ? Number(commKey) : undefined };
}

async function withDevice<T>(context: ServiceContext, device: StoredDevice, work: (zk: Awaited<ReturnType<typeof connectZk>>) => Promise<T>): Promise<Result<T>> {
  const commKey = context.secrets.get(deviceCommKeyName(device.id));
  let zk: Awaited<ReturnType<typeof connectZk>> | null = null;
  try {
    zk = await connectZk({ ...connectOptions(device.host, device.port, device.transport, commKey), timeoutMs: PROBE_TIMEOUT_MS, slowTimeoutMs: device.timeoutSeconds * 1000, nameEncoding: device.nameEncoding });
    return { ok: true, value: await work(zk) };
  } catch (error) {
    if (error instanceof ZkError) return { ok: false, error: error.toApiError() };
    throw error;
  } finally {
    await zk?.disconnect();
  }
}

export function deviceStatus(device: StoredDevice, skewWarningSeconds: number): DeviceStatus {
  if (!device.enabled) return 'disabled';
  if (device.lastError) return 'error';
  if (!device.lastReadAt) return 'never-read';
  if (device.clockSkewSeconds !== null && Math.abs(device.clockSkewSeconds) > skewWarningSeconds) return 'warning';
  return 'ok';
}

/** Device settings that change the checkin sent for a punch: its time or its log type. */
const SETTINGS_THAT_CHANGE_WHAT_IS_SENT = ['timeZone', 'logTypeRule', 'inStates', 'outStates'] as const;

/** The zone a device's clock keeps: its own, else the ERPNext server's, else this computer's. */
export function clockZoneOf(device: StoredDevice | null, context: Pick<ServiceContext, 'settings'>): string {
  return device?.timeZone ?? context.settings.getErpnext()?.serverTimeZone ?? localTimeZone();
}

export function noSuchDevice(id: string): ApiError {
  return { code: 'no-such-device', message: `There is no device with the id "${id}"; it may have been removed.`, action: 'Reload the device list.' };
}
