// One device's turn in a run (docs/ARCHITECTURE.md "A sync run"): connect, read identity and clock,
// read users and attendance, hand everything to the journal, and when the policy says so and it is
// safe, lock the keypad, count once more, clear and unlock; disconnect. Failures come back as a
// result, never as a throw, so one device cannot stop the others.
import type { ApiError, ClearPolicy, DeviceConfig, DevicePhase, DeviceRunResult } from '../vocabulary';
import { ZkError, type AttendanceReadout, type AttendanceRecord, type InvalidRecord, type ZkConnectOptions, type ZkDevice, type ZkUser } from '../zk';
import type { Clock } from './clock';
import { connectOptionsFor } from './device-connection';
import { claimIdentity, readReportedIdentity, type SerialOwnerLookup } from './device-identity';
import { wallClockToInstant } from './time-zone';

export type DeviceToRead = Pick<DeviceConfig, 'name' | 'host' | 'port' | 'transport' | 'nameEncoding' | 'clearPolicy' | 'timeZone' | 'timeoutSeconds'> & { id: string };

export interface DeviceReadout {
  /** The identity the punches are filed under (device-identity.ts): the serial, or a stand-in for a unit without one. */
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
  /** Which configured device already carries a serial: a second unit reporting it is kept apart. */
  ownerOfSerial: SerialOwnerLookup;
  /** Write the readout to the journal in one transaction; throws if it could not. */
  commit(readout: DeviceReadout): CommitResult;
  /** Make the commit survive a power cut before the device's own copy is erased; false when it could not. */
  flushToDisk(): boolean;
  /** The device's log was cleared after `commit`: keep a record of it. */
  recordClear(readout: DeviceReadout, committed: number): void;
  onPhase(phase: DevicePhase, bytesRead?: number, bytesTotal?: number): void;
  /** The keypad lock's auto-unlock timeout; default KEYPAD_LOCK_SECONDS. */
  keypadLockSeconds?: number;
}

/**
 * Long enough for a slow terminal to hand over a full log and clear it, short enough that a
 * terminal left locked by a PC that went to sleep is back in use within minutes.
 */
export const KEYPAD_LOCK_SECONDS = 180;

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
    connection = await hooks.connect(connectOptionsFor(device, commKey));
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
  const reported = await readReportedIdentity(connection);
  result.serialNumber = reported.serialNumber;
  const firmware = await connection.getFirmwareVersion();
  result.firmware = firmware;
  const deviceTime = await connection.getTime();
  if (zoneForClock) noteClockSkew(device, deviceTime, zoneForClock, skewWarningSeconds, hooks.clock, result);

  const sizes = await connection.getSizes();
  result.recordCount = sizes.records;
  result.recordCapacity = sizes.recordCapacity;
  const clearFollows = shouldClear(device.clearPolicy, sizes.records, sizes.recordCapacity);
  const lockSeconds = clearFollows ? (hooks.keypadLockSeconds ?? KEYPAD_LOCK_SECONDS) : null;
  result.readAt = hooks.clock.now();
  hooks.onPhase('reading-users');
  const users = await connection.readUsers((bytesRead, bytesTotal) => hooks.onPhase('reading-users', bytesRead, bytesTotal));
  hooks.onPhase('reading-records');
  const attendance = await connection.readAttendance((bytesRead, bytesTotal) => hooks.onPhase('reading-records', bytesRead, bytesTotal));
  result.read = attendance.records.length;
  if (attendance.invalid.length > 0) {
    result.warnings.push(
      `${device.name}: ${attendance.invalid.length} record(s) on the device cannot be punches (${attendance.invalid[0]!.reason}); they were skipped.`,
    );
  }
  for (const warning of attendance.warnings) result.warnings.push(`${device.name}: ${warning}`);
  // A read that already warned (a counted log sent empty) is never cleared and needs no second word.
  const countDoubt = attendance.warnings[0] ?? (await describeCountDoubt(connection, device, attendance));
  if (countDoubt && attendance.warnings.length === 0) result.warnings.push(countDoubt);

  hooks.onPhase('saving');
  // Claimed right before the commit, with no await between: a twin unit read at the same time
  // cannot take the same serial in between.
  const identity = claimIdentity(reported, device, hooks.ownerOfSerial);
  if (identity.warning) result.warnings.push(identity.warning);
  result.serialNumber = identity.serial;
  const readout: DeviceReadout = { serialNumber: identity.serial, firmware, users, records: attendance.records, invalid: attendance.invalid };
  const commit = hooks.commit(readout);
  result.new = commit.inserted;

  if (lockSeconds !== null) {
    result.cleared = await clearIfSafe(connection, device, { readout, commit, countDoubt, autoUnlockSeconds: lockSeconds }, hooks, result.warnings);
  }
}

/**
 * The keypad is locked only for the last count and the clear (`lockSeconds` set): employees punch
 * on while the log is read and saved, and a punch that lands meanwhile shows in that count, so the
 * clear waits for the next run instead of erasing it. The lock carries the auto-unlock timeout, so
 * a PC that sleeps or dies while it holds the lock cannot leave the terminal on "Working...".
 */
async function withKeypadLock<T>(connection: ZkDevice, device: DeviceToRead, lockSeconds: number, warnings: string[], work: () => Promise<T>): Promise<T> {
  await connection.disable(lockSeconds);
  let workDone = false;
  try {
    const value = await work();
    workDone = true;
    return value;
  } finally {
    const enabled = await connection.enable().then(
      () => true,
      () => false,
    );
    // After a lost connection the device unlocks itself when its lock times out; after a good
    // clear a refused enable is worth telling.
    if (!enabled && workDone) {
      warnings.push(`${device.name}: the device did not confirm it was unlocked after the clear; if its keypad stays locked, restart it.`);
    }
  }
}

function noteClockSkew(device: DeviceToRead, deviceTime: string, zone: string, warningSeconds: number, clock: Clock, result: DeviceReadResult): void {
  const skew = Math.round((wallClockToInstant(deviceTime, zone).instant.getTime() - clock.now()) / 1000);
  result.clockSkewSeconds = skew;
  if (Math.abs(skew) > warningSeconds) {
    result.warnings.push(`${device.name}: the device clock is ${describeSkew(skew)} (it reads ${deviceTime}, ${zone}). Correct it with "Set device time".`);
  }
}

/**
 * Where the device's own count and the bytes it sent disagree, everything that decoded is kept
 * and nothing is cleared. The count is asked again first: a punch that landed between the count
 * and the read (the keypad is free unless a clear follows) is no disagreement.
 */
async function describeCountDoubt(connection: ZkDevice, device: DeviceToRead, attendance: AttendanceReadout): Promise<string | null> {
  const decoded = attendance.records.length + attendance.invalid.length;
  if (attendance.reportedCount === decoded && attendance.strayBytes === 0) return null;
  const countNow = attendance.strayBytes === 0 ? (await connection.getSizes()).records : attendance.reportedCount;
  if (countNow === decoded && attendance.strayBytes === 0) return null;
  const stray = attendance.strayBytes > 0 ? ` and ${attendance.strayBytes} byte(s) at its end that make no whole record` : '';
  return `${device.name}: the device reports ${countNow} record(s) but its log holds ${decoded}${stray}. All ${decoded} that decoded were kept; the device will not be cleared while its count and its data disagree (restarting the device often fixes its count).`;
}

function shouldClear(policy: ClearPolicy, records: number, capacity: number): boolean {
  if (policy.mode === 'never' || capacity <= 0) return false;
  return (records / capacity) * 100 >= policy.percent;
}

interface ClearSafety {
  readout: DeviceReadout;
  commit: CommitResult;
  countDoubt: string | null;
  autoUnlockSeconds: number;
}

/**
 * Clears only when every byte read decoded into valid records, all of them are in the journal and
 * on disk, and the count read back right before the clear equals what was saved.
 */
async function clearIfSafe(connection: ZkDevice, device: DeviceToRead, safety: ClearSafety, hooks: DeviceReadHooks, warnings: string[]): Promise<boolean> {
  const { readout, commit } = safety;
  const notCleared = (because: string) => (warnings.push(`${device.name}: the log was not cleared because ${because}`), false);
  // Records with impossible times or damaged user ids cannot be kept in the journal: clearing would erase them for good.
  if (readout.invalid.length > 0) {
    return notCleared(
      `${readout.invalid.length} record(s) on it cannot be kept as punches (${readout.invalid[0]!.reason}). Export the log to a USB stick as a copy, then clear the device by hand.`,
    );
  }
  if (safety.countDoubt) return false; // already said, with both figures
  if (commit.committed !== readout.records.length) {
    return notCleared(`only ${commit.committed} of the ${readout.records.length} records read are in the journal. It will be tried again next run.`);
  }
  if (!hooks.flushToDisk()) {
    return notCleared(
      'the saved punches could not be written through to disk just now (another program was reading the journal). It will be tried again next run.',
    );
  }
  return withKeypadLock(connection, device, safety.autoUnlockSeconds, warnings, async () => {
    const recordsNow = (await connection.getSizes()).records;
    if (recordsNow > readout.records.length) {
      return notCleared(
        `${recordsNow - readout.records.length} new punch(es) arrived while it was being read (${recordsNow} on it, ${readout.records.length} saved). They will be read, and the log cleared, next run.`,
      );
    }
    if (recordsNow !== readout.records.length) {
      return notCleared(`it now reports ${recordsNow} record(s), not the ${readout.records.length} saved. It will be tried again next run.`);
    }
    hooks.onPhase('clearing');
    await connection.clearAttendance();
    hooks.recordClear(readout, commit.committed);
    return true;
  });
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
