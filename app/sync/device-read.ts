// One device's turn in a run (DESIGN.md "A sync run"): connect, read identity and clock, disable,
// read users and attendance, hand everything to the journal, clear when the policy says so and it
// is safe, enable, disconnect. Failures come back as a result, never as a throw, so one device
// cannot stop the others.
import type { ApiError, ClearPolicy, DeviceConfig, DevicePhase, DeviceRunResult } from '../api/contract';
import { ZkError, type AttendanceRecord, type InvalidRecord, type ZkConnectOptions, type ZkDevice, type ZkUser } from '../zk';
import type { Clock } from './clock';
import { wallClockToInstant } from './time-zone';

export type DeviceToRead = Pick<DeviceConfig, 'name' | 'host' | 'port' | 'transport' | 'nameEncoding' | 'clearPolicy' | 'timeZone' | 'timeoutSeconds'> & { id: string };

export interface DeviceReadout {
  serialNumber: string;
  firmware: string;
  users: ZkUser[];
  records: AttendanceRecord[];
  invalid: InvalidRecord[];
}

export interface CommitResult {
  /** Records now held by the journal among those handed in (new ones and ones it had already). */
  committed: number;
  inserted: number;
}

export interface DeviceReadHooks {
  connect(options: ZkConnectOptions): Promise<ZkDevice>;
  clock: Clock;
  /** Write the readout to the journal in one transaction; throws if it could not. */
  commit(readout: DeviceReadout): CommitResult;
  /** Make the commit survive a power cut before the device's own copy is erased; false when it could not. */
  flushToDisk(): boolean;
  /** The device's log was cleared after `commit`: keep a record of it. */
  recordClear(readout: DeviceReadout, committed: number): void;
  onPhase(phase: DevicePhase, bytesRead?: number, bytesTotal?: number): void;
}

export interface DeviceReadResult extends DeviceRunResult {
  firmware: string | null;
  /** Epoch ms just before the attendance log was read; null when the read did not get that far. */
  readAt: number | null;
  recordCount: number | null;
  recordCapacity: number | null;
  warnings: string[];
}

export async function readDevice(
  device: DeviceToRead,
  commKey: string | null,
  /** The zone the device clock keeps, to measure its skew; null when unknown (skew not measured). */
  zoneForClock: string | null,
  skewWarningSeconds: number,
  hooks: DeviceReadHooks,
): Promise<DeviceReadResult> {
  const started = hooks.clock.now();
  const result: DeviceReadResult = {
    deviceId: device.id,
    deviceName: device.name,
    serialNumber: null,
    firmware: null,
    ok: false,
    read: 0,
    new: 0,
    cleared: false,
    clockSkewSeconds: null,
    error: null,
    durationMs: 0,
    readAt: null,
    recordCount: null,
    recordCapacity: null,
    warnings: [],
  };
  let connection: ZkDevice | null = null;
  try {
    hooks.onPhase('connecting');
    connection = await hooks.connect({
      host: device.host,
      port: device.port,
      transport: device.transport,
      commKey: commKey ? Number(commKey) : undefined,
      nameEncoding: device.nameEncoding,
      slowTimeoutMs: device.timeoutSeconds * 1000,
    });
    await readConnected(connection, device, zoneForClock, skewWarningSeconds, hooks, result);
    result.ok = true;
    hooks.onPhase('done');
  } catch (error) {
    result.error = describeFailure(error, device);
    hooks.onPhase('failed');
  } finally {
    await connection?.disconnect().catch(() => undefined);
    result.durationMs = hooks.clock.now() - started;
  }
  return result;
}

async function readConnected(
  connection: ZkDevice,
  device: DeviceToRead,
  zoneForClock: string | null,
  skewWarningSeconds: number,
  hooks: DeviceReadHooks,
  result: DeviceReadResult,
): Promise<void> {
  const serialNumber = await connection.getSerialNumber();
  result.serialNumber = serialNumber;
  result.firmware = await connection.getFirmwareVersion();
  const deviceTime = await connection.getTime();
  if (zoneForClock) {
    const skew = Math.round((wallClockToInstant(deviceTime, zoneForClock).instant.getTime() - hooks.clock.now()) / 1000);
    result.clockSkewSeconds = skew;
    if (Math.abs(skew) > skewWarningSeconds) {
      result.warnings.push(
        `${device.name}: the device clock is ${describeSkew(skew)} (it reads ${deviceTime}, ${zoneForClock}). Correct it with "Set device time".`,
      );
    }
  }

  // Disabled from before the read until after any clear: no punch can land in between and be
  // erased by the clear (a disabled terminal holds new punches until it is enabled again).
  await connection.disable();
  let readCompleted = false;
  try {
    const sizes = await connection.getSizes();
    result.recordCount = sizes.records;
    result.recordCapacity = sizes.recordCapacity;
    result.readAt = hooks.clock.now();
    hooks.onPhase('reading-users');
    const users = await connection.readUsers((bytesRead, bytesTotal) => hooks.onPhase('reading-users', bytesRead, bytesTotal));
    hooks.onPhase('reading-records');
    const attendance = await connection.readAttendance((bytesRead, bytesTotal) => hooks.onPhase('reading-records', bytesRead, bytesTotal));
    const readout: DeviceReadout = { serialNumber, firmware: result.firmware, users, ...attendance };
    result.read = attendance.records.length;
    if (attendance.invalid.length > 0) {
      result.warnings.push(
        `${device.name}: ${attendance.invalid.length} record(s) on the device cannot be punches (${attendance.invalid[0]!.reason}); they were skipped.`,
      );
    }
    for (const warning of attendance.warnings) result.warnings.push(`${device.name}: ${warning}`);

    hooks.onPhase('saving');
    const commit = hooks.commit(readout);
    result.new = commit.inserted;

    if (shouldClear(device.clearPolicy, sizes.records, sizes.recordCapacity)) {
      result.cleared = await clearIfSafe(connection, device, readout, commit, sizes.records, hooks, result.warnings);
    }
    readCompleted = true;
  } finally {
    const enabled = await connection.enable().then(
      () => true,
      () => false,
    );
    // After a lost connection the device unlocks itself when its session ends; after a good read
    // a refused enable is worth telling.
    if (!enabled && readCompleted) {
      result.warnings.push(`${device.name}: the device did not confirm it was unlocked after the read; if its keypad stays locked, restart it.`);
    }
  }
}

function shouldClear(policy: ClearPolicy, records: number, capacity: number): boolean {
  if (policy.mode === 'never' || capacity <= 0) return false;
  return (records / capacity) * 100 >= policy.percent;
}

async function clearIfSafe(
  connection: ZkDevice,
  device: DeviceToRead,
  readout: DeviceReadout,
  commit: CommitResult,
  recordsBeforeRead: number,
  hooks: DeviceReadHooks,
  warnings: string[],
): Promise<boolean> {
  const onDevice = readout.records.length + readout.invalid.length;
  // Records with impossible times cannot be kept in the journal: clearing would erase them for good.
  if (readout.invalid.length > 0) {
    warnings.push(
      `${device.name}: the log was not cleared because ${readout.invalid.length} record(s) on it have times no calendar has (${readout.invalid[0]!.reason}). Export the log to a USB stick as a copy, then clear the device by hand.`,
    );
    return false;
  }
  const recordsNow = (await connection.getSizes()).records;
  // Every record read must be in the journal, and the log must still be exactly what we read.
  if (commit.committed !== readout.records.length || onDevice !== recordsBeforeRead || recordsNow !== recordsBeforeRead) {
    warnings.push(
      `${device.name}: the log was not cleared because the records read (${onDevice}), saved (${commit.committed}) and on the device (${recordsNow}) did not all agree. It will be tried again next run.`,
    );
    return false;
  }
  if (!hooks.flushToDisk()) {
    warnings.push(
      `${device.name}: the log was not cleared because the saved punches could not be written through to disk just now (another program was reading the journal). It will be tried again next run.`,
    );
    return false;
  }
  hooks.onPhase('clearing');
  await connection.clearAttendance();
  hooks.recordClear(readout, commit.committed);
  return true;
}

function describeSkew(seconds: number): string {
  const minutes = Math.round(Math.abs(seconds) / 60);
  const amount = minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
  return `${amount} ${seconds > 0 ? 'ahead' : 'behind'}`;
}

function describeFailure(error: unknown, device: DeviceToRead): ApiError {
  if (error instanceof ZkError) return error.toApiError();
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'device-read-failed',
    message: `Reading ${device.name} (${device.host}:${device.port}) failed: ${reason}.`,
    action: 'Try again; if it keeps happening, note the device model and firmware and report it.',
  };
}
