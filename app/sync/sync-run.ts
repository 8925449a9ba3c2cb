// One sync run, as docs/ARCHITECTURE.md "A sync run" lays it out: read every enabled device into
// the journal, then push the queue, then move Shift Types' last sync, then record the summary.
// Expected failures end up in the summary; a run only throws on a bug.
import type { ApiError, ErpnextSettings, RunProgress, RunSummary, RunTrigger, SyncSettings } from '../vocabulary';
import type { ErpnextClient, ErpnextConnection } from '../erpnext';
import type { Journal, StoredDevice } from '../journal';
import type { ZkConnectOptions, ZkDevice } from '../zk';
import type { Clock } from './clock';
import { readDevice, type DeviceReadResult } from './device-read';
import { pushPendingPunches, type PushDeviceSettings, type PushTally } from './push-punches';
import { mapWithLimit, trackRunProgress, type RunProgressTracker } from './run-progress';
import { summarizeRun } from './run-summary';
import { createServerZoneCheck } from './server-zone-check';
import { earliestOnItsWay } from './shift-holds';
import { updateShiftTypes, type ShiftFeedSources } from './shift-sync';

/** How many devices are read at once. */
export const DEVICE_READ_CONCURRENCY = 3;

/** Everything a run reads from settings and secrets, gathered at its start. */
export interface RunConfig {
  /** null: ERPNext is not set up yet (devices are still read into the journal). */
  erpnext: Omit<ErpnextSettings, 'hasApiSecret'> | null;
  apiSecret: string | null;
  sync: SyncSettings;
  commKeyOf(deviceId: string): string | null;
}

export interface RunDependencies {
  journal: Journal;
  /** A client for this connection; the run borrows it and does not close it. */
  erpnextClient(connection: ErpnextConnection): { ok: true; value: ErpnextClient } | { ok: false; error: ApiError };
  zkConnect(options: ZkConnectOptions): Promise<ZkDevice>;
  clock: Clock;
}

export async function executeRun(
  trigger: RunTrigger,
  config: RunConfig,
  deps: RunDependencies,
  emit: (progress: RunProgress) => void,
): Promise<RunSummary> {
  const { journal, clock } = deps;
  const run = journal.startRun(trigger);
  const allDevices = journal.listDevices();
  // Devices fed by ADMS push their punches themselves: there is nothing to poll on port 4370.
  const devices = allDevices.filter((device) => device.enabled && journal.admsSerialOf(device.id) === null);
  const progress = trackRunProgress({ runId: run.id, trigger, startedAt: run.startedAt }, devices, emit, () => clock.now());
  const errors: ApiError[] = [];
  const warnings: string[] = [];

  const erpnext = await openErpnext(config, deps);
  if (!erpnext.ok) errors.push(erpnext.error);
  const serverZone = erpnext.ok ? erpnext.serverZone : (config.erpnext?.serverTimeZone ?? null);
  if (!allDevices.some((device) => device.enabled)) warnings.push('No device is set up (or all are disabled): only punches already in the journal were sent.');
  const reads = await mapWithLimit(devices, DEVICE_READ_CONCURRENCY, (device) => readAndRecord(device, config, serverZone, deps, progress));
  for (const read of reads) warnings.push(...read.warnings);

  if (config.sync.importStartDate) journal.ignoreBefore(config.sync.importStartDate);

  const waitedBefore = erpnext.ok ? (erpnext.client.rateLimitWaits()?.pausedMs ?? 0) : 0;
  const push = erpnext.ok ? await pushAndMoveShifts(erpnext, reads, allDevices, config, deps, progress, errors, warnings) : null;
  if (erpnext.ok) warnings.push(...rateLimitWarning(erpnext.client.rateLimitWaits(), waitedBefore));

  const summary = summarizeRun({ run, trigger, finishedAt: new Date(clock.now()).toISOString(), reads, push, errors, warnings });
  journal.finishRun(summary);
  return summary;
}

/** Push the queue; then, unless pushing had to stop, move the Shift Types fed by the devices read. */
async function pushAndMoveShifts(
  erpnext: { client: ErpnextClient; serverZone: string },
  reads: readonly DeviceReadResult[],
  allDevices: readonly StoredDevice[],
  config: RunConfig,
  deps: RunDependencies,
  progress: RunProgressTracker,
  errors: ApiError[],
  warnings: string[],
): Promise<PushTally> {
  const { journal } = deps;
  const employeeFieldname = config.erpnext!.employeeFieldname;
  // One list read spares a request per punch of a user id no employee carries. Unreadable (a role
  // without Employee read): every punch is sent and ERPNext answers for each.
  const employeeFieldValues = queuedCount(journal) > 0 ? await erpnext.client.listEmployeeFieldValues(employeeFieldname) : null;
  const zoneCheck = createServerZoneCheck(erpnext.serverZone);
  const push = await pushPendingPunches({
    journal,
    pushCheckin: async (checkin) => {
      const sentAt = deps.clock.now();
      const outcome = await erpnext.client.pushCheckin(checkin);
      if (outcome.kind === 'accepted' && outcome.createdAt) zoneCheck.observe(outcome.createdAt, sentAt, deps.clock.now());
      return outcome;
    },
    findCheckin: (checkin) => erpnext.client.findCheckin(checkin),
    findCheckinsSavedBetween: (checkin, from, to) => erpnext.client.findCheckinsSavedBetween(checkin, from, to),
    clock: deps.clock,
    serverZone: erpnext.serverZone,
    employeeFieldname,
    employeeFieldValues: employeeFieldValues?.ok ? employeeFieldValues.value : null,
    latitude: config.erpnext!.latitude,
    longitude: config.erpnext!.longitude,
    devices: pushSettingsOf(allDevices),
    concurrency: config.sync.pushConcurrency,
    queued: queuedCount(journal),
    onProgress: (done, total) => progress.push(done, total),
  });
  const zoneWarning = zoneCheck.warning();
  if (zoneWarning) warnings.push(zoneWarning);
  if (push.stop) {
    errors.push(push.stop.error);
    return push;
  }
  const shifts = await updateShiftTypes(config.sync.shiftTypes, shiftFeedSources(journal, allDevices, reads), erpnext.serverZone, erpnext.client);
  errors.push(...shifts.errors);
  warnings.push(...shifts.warnings);
  return push;
}

async function readAndRecord(
  device: StoredDevice,
  config: RunConfig,
  serverZone: string | null,
  deps: RunDependencies,
  progress: RunProgressTracker,
): Promise<DeviceReadResult> {
  const { journal, clock } = deps;
  const result = await readDevice(device, config.commKeyOf(device.id), device.timeZone ?? serverZone, config.sync.clockSkewWarningSeconds, {
    connect: deps.zkConnect,
    clock,
    ownerOfSerial: (serial) => journal.deviceCarryingSerial(serial),
    // Punches and the user list in one transaction, before anything else happens to them.
    commit: (readout) =>
      journal.transaction(() => {
        const records = readout.records.map((record) => ({ userId: record.userId, deviceTime: record.time, punchStateCode: record.state, verifyType: record.verify }));
        const inserted = journal.insertPunches(readout.serialNumber, device.id, 'zk', records);
        journal.upsertDeviceUsers(
          readout.serialNumber,
          readout.users.map((user) => ({ userId: user.userId, name: user.name, privilege: user.privilege, cardNumber: user.cardNumber })),
        );
        return { committed: inserted.read, inserted: inserted.inserted };
      }),
    flushToDisk: () => journal.flushToDisk(),
    recordClear: (readout, committed) =>
      journal.recordDeviceClear({
        deviceId: device.id,
        deviceSerial: readout.serialNumber,
        clearedAt: new Date(clock.now()).toISOString(),
        recordsRead: readout.records.length + readout.invalid.length,
        recordsCommitted: committed,
      }),
    onPhase: (phase, bytesRead, bytesTotal) => progress.device(device.id, phase, bytesRead, bytesTotal),
  });
  if (result.ok) {
    journal.recordDeviceRead(device.id, {
      serialNumber: result.serialNumber!,
      readAt: new Date(result.readAt!).toISOString(),
      clockSkewSeconds: result.clockSkewSeconds,
      recordCount: result.cleared ? 0 : result.recordCount,
      recordCapacity: result.recordCapacity,
    });
  } else journal.recordDeviceError(device.id, result.error!);
  return result;
}

type OpenedErpnext = { ok: true; client: ErpnextClient; serverZone: string } | { ok: false; error: ApiError };

async function openErpnext(config: RunConfig, deps: RunDependencies): Promise<OpenedErpnext> {
  if (!config.erpnext || !config.apiSecret) {
    return {
      ok: false,
      error: {
        code: 'erpnext-not-configured',
        message: 'ERPNext is not set up yet, so punches were read into the journal but not sent.',
        action: 'Enter the ERPNext address, API key and API secret in Settings (or `punchbridge erpnext set`).',
      },
    };
  }
  const { url, apiKey, verifyTls, caFile } = config.erpnext;
  const created = deps.erpnextClient({ url, apiKey, apiSecret: config.apiSecret, verifyTls, caFile });
  if (!created.ok) return created;
  const client = created.value;
  if (config.erpnext.serverTimeZone) return { ok: true, client, serverZone: config.erpnext.serverTimeZone };
  const zone = await client.getServerTimeZone();
  if (zone.ok) return { ok: true, client, serverZone: zone.value };
  return {
    ok: false,
    error: {
      code: 'server-zone-unknown',
      message: `The ERPNext time zone is not set in Punchbridge and could not be read from the server (${zone.error.message}).`,
      action: 'Choose the ERPNext system time zone in Settings (System Settings > Time Zone in ERPNext shows it).',
    },
  };
}

function rateLimitWarning(waits: ReturnType<ErpnextClient['rateLimitWaits']>, waitedBefore: number): string[] {
  const waitedMs = (waits?.pausedMs ?? 0) - waitedBefore;
  if (!waits || waitedMs <= 0) return [];
  const budget = `${(waits.limitMicros / 1_000_000).toLocaleString('en-US')} s`;
  return [
    `ERPNext's rate limit (${budget} of server time per window, shared by everyone using the site, desk users included) was nearly used up: ` +
      `sending waited ${Math.round(waitedMs / 1000)} s in all so that nobody gets "Too Many Requests". If syncs take too long, ask for a higher rate_limit in the site's site_config.json.`,
  ];
}

function shiftFeedSources(journal: Journal, devices: readonly StoredDevice[], reads: readonly DeviceReadResult[]): ShiftFeedSources {
  return {
    devices,
    reads,
    admsLastSeenAt: (deviceId) => {
      const serial = journal.admsSerialOf(deviceId);
      return serial === null ? null : (journal.getAdmsDevice(serial)?.lastSeenAt ?? null);
    },
    earliestOnItsWay: (deviceId) => earliestOnItsWay(journal, deviceId),
  };
}

function pushSettingsOf(devices: readonly StoredDevice[]): Map<string, PushDeviceSettings> {
  return new Map(devices.map((device) => [device.id, device]));
}

function queuedCount(journal: Journal): number {
  const counts = journal.countByState();
  return counts.pending + counts.failed;
}
