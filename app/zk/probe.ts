// "Try a device": everything a person wants to know about a device in one read-only visit.
import type { DeviceProbeResult, Result } from '../vocabulary';
import type { AttendanceRecord, InvalidRecord } from './attendance-records';
import { connectZk, type ZkDevice } from './client';
import type { ZkConnectOptions } from './connect';
import { ZkError } from './errors';
import type { ZkUser } from './user-records';
import { parseWallClock } from './wall-clock';

export interface ProbeReport extends DeviceProbeResult {
  users?: ZkUser[];
  records?: AttendanceRecord[];
  invalidRecords?: InvalidRecord[];
}

export interface ProbeLists {
  users?: boolean;
  records?: boolean;
}

export async function probeDevice(options: ZkConnectOptions, lists: ProbeLists = {}, now: () => Date = () => new Date()): Promise<Result<ProbeReport>> {
  let device: ZkDevice | null = null;
  try {
    device = await connectZk(options);
    const report = await describeDevice(device, now);
    // Read-only: nothing is cleared after it, so the keypad stays free.
    if (lists.users) report.users = await device.readUsers();
    if (lists.records) {
      const { records, invalid } = await device.readAttendance();
      report.records = records;
      report.invalidRecords = invalid;
    }
    return { ok: true, value: report };
  } catch (error) {
    if (error instanceof ZkError) return { ok: false, error: error.toApiError() };
    throw error;
  } finally {
    await device?.disconnect();
  }
}

async function describeDevice(device: ZkDevice, now: () => Date): Promise<ProbeReport> {
  // OEM firmware may refuse the serial; the probe reports it empty rather than failing.
  const serialNumber = await optional(device.getSerialNumber());
  const firmware = await device.getFirmwareVersion();
  const deviceName = await optional(device.getDeviceName());
  const platform = await optional(device.getPlatform());
  const sizes = await device.getSizes();
  const deviceTime = await device.getTime();
  return {
    serialNumber,
    firmware,
    deviceName,
    platform,
    transportUsed: device.transport,
    userCount: sizes.users,
    userCapacity: sizes.userCapacity,
    recordCount: sizes.records,
    recordCapacity: sizes.recordCapacity,
    deviceTime,
    clockSkewSeconds: clockSkewSeconds(deviceTime, now()),
  };
}

/** Older firmwares refuse the name and platform keys; that is no reason to fail the probe. */
async function optional(value: Promise<string>): Promise<string> {
  try {
    return await value;
  } catch (error) {
    if (error instanceof ZkError && error.code === 'device-refused') return '';
    throw error;
  }
}

/** Device wall clock minus this PC's wall clock, both naive local times, in whole seconds. */
export function clockSkewSeconds(deviceTime: string, pcNow: Date): number {
  const parts = parseWallClock(deviceTime);
  if (!parts) return 0;
  const device = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const pc = Date.UTC(pcNow.getFullYear(), pcNow.getMonth(), pcNow.getDate(), pcNow.getHours(), pcNow.getMinutes(), pcNow.getSeconds());
  return Math.round((device - pc) / 1000);
}
