// ADMS push terminals (docs/zk-protocol.md §4) in the service: the receiver on the port the user
// chose, its sink into the journal, and the list of terminals waiting for approval.
import { createHash, timingSafeEqual } from 'node:crypto';
import { registerSecret } from '../../log';
import { admsPushCommKeyName } from '../../settings';
import { startAdmsReceiver, type AdmsReceiver, type AdmsSink } from '../../sources';
import { networkInterfaces } from 'node:os';
import { DeviceInputSchema, type AdmsReach, type ApiError, type Device, type PunchbridgeApi, type Result } from '../contract';
import type { ServiceContext } from './context';
import { deviceNameTaken } from './device-names';
import { clockZoneOf, deviceStatus } from './devices';

type AdmsMethods = Pick<PunchbridgeApi, 'listAdmsDevices' | 'approveAdmsDevice'>;

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/;
/** The host of a device that is never polled, when its address is no IPv4 address. */
const NO_POLL_HOST = 'adms';

export function admsMethods(context: ServiceContext, onDeviceAdded: () => void): AdmsMethods {
  const { journal } = context;
  return {
    async listAdmsDevices() {
      return journal.listAdmsDevices().map((device) => ({ ...device, hasPushCommKey: context.secrets.get(admsPushCommKeyName(device.serialNumber)) !== null }));
    },
    async approveAdmsDevice({ serialNumber, name, timeZone, pushCommKey }) {
      const seen = journal.getAdmsDevice(serialNumber);
      if (!seen) return { ok: false, error: noSuchAdmsDevice(serialNumber) };
      const linked = seen.deviceId ? journal.getDevice(seen.deviceId) : null;
      if (linked && seen.movedToAddress) return approveMove(context, seen.serialNumber, linked.id, seen.movedToAddress);
      const taken = linked ? null : deviceNameTaken(journal, name);
      if (taken) return { ok: false, error: taken };
      const device =
        linked ??
        journal.transaction(() => {
          // The address is shown on the Devices page; the device is never polled (runs skip ADMS-fed devices).
          const config = DeviceInputSchema.parse({ name, host: hostOf(seen.remoteAddress), timeZone: timeZone ?? null });
          const added = journal.addDevice(config);
          journal.linkAdmsDevice(serialNumber, added.id, seen.remoteAddress);
          // A key from an earlier approval of this serial does not carry over to this one.
          if (pushCommKey) {
            context.secrets.set(admsPushCommKeyName(serialNumber), pushCommKey);
            registerSecret(pushCommKey);
          }
          else context.secrets.delete(admsPushCommKeyName(serialNumber));
          journal.recordDeviceRead(added.id, { serialNumber, readAt: seen.lastSeenAt, clockSkewSeconds: null, recordCount: null, recordCapacity: null });
          return journal.getDevice(added.id)!;
        });
      if (!linked) {
        context.log.info(`ADMS device ${serialNumber} approved as ${device.name}: its uploads are kept from now on`);
        onDeviceAdded();
        context.announceStatus();
      }
      const skew = context.settings.getSyncSettings().clockSkewWarningSeconds;
      return { ok: true, value: { ...device, hasCommKey: false, status: deviceStatus(device, skew) } };
    },
  };
}

/** The person confirmed that an approved terminal moved: uploads are taken from its new address only. */
function approveMove(context: ServiceContext, serialNumber: string, deviceId: string, address: string): Result<Device> {
  const { journal } = context;
  const device = journal.transaction(() => {
    journal.linkAdmsDevice(serialNumber, deviceId, address);
    return journal.updateDevice(deviceId, { host: hostOf(address) })!;
  });
  context.log.info(`ADMS device ${serialNumber} approved again at its new address ${address}`);
  context.announceStatus();
  return { ok: true, value: { ...device, hasCommKey: false, status: deviceStatus(device, context.settings.getSyncSettings().clockSkewWarningSeconds) } };
}

function hostOf(remoteAddress: string | null): string {
  const address = remoteAddress ?? '';
  return DeviceInputSchema.shape.host.safeParse(address).success ? address : NO_POLL_HOST;
}

/** Constant-time, so the time an answer takes says nothing about how much of a guessed key was right. */
function sameKey(given: string, stored: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(stored));
}

/** 10.0.0.5 whether the receiver listens on IPv4 or dual-stack (which reports ::ffff:10.0.0.5). */
function plainAddress(remoteAddress: string): string {
  return remoteAddress.replace(IPV4_MAPPED, '$1');
}

/** The receiver's sink: approved terminals' punches and users into the journal. */
export function journalAdmsSink(context: ServiceContext, onNewPunches: () => void): AdmsSink {
  const { journal, log } = context;
  const fedDevice = (serialNumber: string) => {
    const deviceId = journal.getAdmsDevice(serialNumber)?.deviceId;
    return deviceId ? journal.getDevice(deviceId) : null;
  };
  const provesKey = (serialNumber: string, pushCommKey: string | undefined) => {
    const stored = context.secrets.get(admsPushCommKeyName(serialNumber));
    return stored !== null && pushCommKey !== undefined && sameKey(pushCommKey, stored);
  };
  return {
    admits(serialNumber, remoteAddress, pushCommKey) {
      const seen = journal.getAdmsDevice(serialNumber);
      // A disabled device is refused too: it keeps its log and uploads once enabled again.
      if (!seen || fedDevice(serialNumber)?.enabled !== true) return false;
      return seen.approvedAddress === null || seen.approvedAddress === plainAddress(remoteAddress) || provesKey(serialNumber, pushCommKey);
    },
    noteRequest(serialNumber, rawAddress, pushCommKey) {
      const remoteAddress = plainAddress(rawAddress);
      const known = journal.getAdmsDevice(serialNumber);
      if (known?.deviceId && known.approvedAddress !== null && known.approvedAddress !== remoteAddress && provesKey(serialNumber, pushCommKey)) {
        journal.transaction(() => {
          journal.linkAdmsDevice(serialNumber, known.deviceId!, remoteAddress);
          journal.updateDevice(known.deviceId!, { host: hostOf(remoteAddress) });
        });
        log.info(`ADMS device ${serialNumber} moved from ${known.approvedAddress} to ${remoteAddress} and proved its comm key: its uploads are taken from there now`);
        context.announceStatus();
        return;
      }
      if (known?.deviceId && known.approvedAddress !== null && known.approvedAddress !== remoteAddress) {
        if (known.movedToAddress !== remoteAddress) {
          log.warn(
            `ADMS device ${serialNumber} was approved at ${known.approvedAddress} but now calls from ${remoteAddress}: its uploads are refused until it is approved again on the Devices page`,
          );
        }
        journal.noteAdmsMove(serialNumber, remoteAddress);
        return;
      }
      journal.noteAdmsRequest(serialNumber, remoteAddress);
      if (!known) log.warn(`ADMS device ${serialNumber} at ${remoteAddress} is not approved yet: approve it on the Devices page to keep its punches`);
    },
    resumeStamps(serialNumber) {
      const device = journal.getAdmsDevice(serialNumber);
      return { attlog: device?.attlogStamp ?? '0', operlog: device?.operlogStamp ?? '0' };
    },
    saveStamp: (serialNumber, table, stamp) => journal.saveAdmsStamp(serialNumber, table, stamp),
    savePunches(serialNumber, punches) {
      const device = fedDevice(serialNumber);
      if (!device) return { inserted: 0 };
      const records = punches.map((punch) => ({ userId: punch.userId, deviceTime: punch.deviceTime, punchStateCode: punch.state, verifyType: punch.verify }));
      const result = journal.transaction(() => {
        const inserted = journal.insertPunches(serialNumber, device.id, 'adms', records);
        journal.countAdmsPunches(serialNumber, inserted.read);
        journal.recordDeviceRead(device.id, { serialNumber, readAt: new Date(context.clock.now()).toISOString(), clockSkewSeconds: null, recordCount: null, recordCapacity: null });
        return inserted;
      });
      log.info(`ADMS upload from ${device.name}: ${result.read} punches, ${result.inserted} new`);
      if (result.inserted > 0) onNewPunches();
      return { inserted: result.inserted };
    },
    saveUsers: (serialNumber, users) => journal.upsertDeviceUsers(serialNumber, users),
    timeZoneOf(serialNumber) {
      const device = fedDevice(serialNumber);
      return { zone: clockZoneOf(device, context), unit: device?.admsTimeZoneUnit ?? 'hours' };
    },
    noteMalformedLines(serialNumber, count, firstReason) {
      log.warn(`ADMS device ${serialNumber}: ${count} uploaded lines could not be read and were left out (first: ${firstReason})`);
    },
    takeCommands: (serialNumber, limit) => journal.takeAdmsCommands(serialNumber, limit),
    saveCommandResults(serialNumber, results) {
      for (const { id, returnCode, command } of results) {
        if (!journal.answerAdmsCommand(serialNumber, id, returnCode)) log.warn(`ADMS device ${serialNumber} answered command ${id} (${command || 'no CMD'}) that was not sent to it; the answer was ignored`);
        else if (returnCode !== 0) log.warn(`ADMS device ${serialNumber} refused command ${id} (${command || 'no CMD'}) with Return=${returnCode}`);
      }
    },
    noteRefusedStrangers({ refused, addresses }) {
      log.warn(`ADMS: ${refused} requests from unapproved devices were refused unread (too many in a minute), from ${addresses.join(', ')}`);
    },
  };
}

export interface AdmsReceiverControl {
  /** Start, move or stop the receiver to match the setting; an error says why it cannot listen. */
  apply(port: number | null): Promise<Result<null>>;
  /** Where a port would open: every interface, or only the address given. */
  reach(): AdmsReach;
  close(): Promise<void>;
}

/**
 * Terminals are elsewhere on the LAN, so the receiver listens on every interface: setting a port
 * is the user's choice to open it. Tests pass 127.0.0.1.
 */
export function admsReceiverControl(context: ServiceContext, sink: AdmsSink, host = '0.0.0.0'): AdmsReceiverControl {
  let receiver: AdmsReceiver | null = null;
  let port: number | null = null;
  const stop = async () => {
    if (!receiver) return;
    await receiver.close();
    context.log.info(`ADMS receiver on port ${port} stopped`);
    receiver = null;
    port = null;
  };
  return {
    async apply(wanted) {
      if (wanted === port) return { ok: true, value: null };
      await stop();
      if (wanted === null) return { ok: true, value: null };
      try {
        receiver = await startAdmsReceiver({ sink, host, port: wanted });
        port = wanted;
        context.log.info(`ADMS receiver listening on ${host}:${wanted} (all network interfaces: devices on the LAN can reach it)`);
        return { ok: true, value: null };
      } catch (error) {
        context.log.error(`ADMS receiver cannot listen on port ${wanted}`, error);
        return { ok: false, error: portUnavailable(wanted, error) };
      }
    },
    reach: () => (host === '0.0.0.0' ? { everyInterface: true, addresses: lanAddresses() } : { everyInterface: false, addresses: [host] }),
    close: stop,
  };
}

/** This computer's IPv4 addresses on its networks, loopback left out. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}

function portUnavailable(port: number, error: unknown): ApiError {
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  return {
    code: 'adms-port-unavailable',
    message: `The ADMS receiver cannot listen on port ${port}${inUse ? ': another program uses it' : ` (${(error as Error).message})`}.`,
    action: 'Choose another port in Settings, and set the same port as the server port on the devices.',
  };
}

function noSuchAdmsDevice(serialNumber: string): ApiError {
  return {
    code: 'no-such-adms-device',
    message: `No push device with the serial number ${serialNumber} has contacted Punchbridge.`,
    action: 'Point the device at this computer (Comm > Cloud Server on the device) and reload the list.',
  };
}
