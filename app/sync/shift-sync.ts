// Shift Type `last_sync_of_checkin` (reference erpnext-api.md §1.8): HRMS auto attendance handles
// only shifts that ended before it, so it must not pass a punch still on its way. A shift moves
// only when every device feeding it was read in this run and none of their punches still waits to
// be sent; it moves to the earliest of those reads, on the server zone's clock.
import type { ApiError, Result } from '../api/contract';
import type { ShiftSyncUpdate } from '../erpnext';
import type { DeviceReadResult } from './device-read';
import { instantToWallClock } from './time-zone';

export interface ShiftTypeFeed {
  name: string;
  deviceIds: string[];
}

export interface ShiftUpdateReport {
  updated: { name: string; lastSync: string }[];
  errors: ApiError[];
  warnings: string[];
}

export interface WaitingPunches {
  /** Punches of this device still pending or failed. */
  waitingFor(deviceId: string): number;
}

export async function updateShiftTypes(
  shiftTypes: readonly ShiftTypeFeed[],
  reads: readonly DeviceReadResult[],
  serverZone: string,
  waiting: WaitingPunches,
  client: { setShiftLastSync(name: string, serverTime: string): Promise<Result<ShiftSyncUpdate>> },
): Promise<ShiftUpdateReport> {
  const report: ShiftUpdateReport = { updated: [], errors: [], warnings: [] };
  for (const shift of shiftTypes) {
    if (shift.deviceIds.length === 0) continue;
    const feeds = shift.deviceIds.map((id) => ({ id, read: reads.find((read) => read.deviceId === id) }));
    const unread = feeds.filter((feed) => !feed.read?.ok || feed.read.readAt === null);
    if (unread.length > 0) {
      const names = unread.map((feed) => feed.read?.deviceName ?? feed.id).join(', ');
      report.warnings.push(`Shift Type "${shift.name}": last sync not moved, because ${names} could not be read in this run.`);
      continue;
    }
    const behind = feeds.filter((feed) => waiting.waitingFor(feed.id) > 0);
    if (behind.length > 0) {
      const names = behind.map((feed) => feed.read!.deviceName).join(', ');
      report.warnings.push(`Shift Type "${shift.name}": last sync not moved, because punches from ${names} are still waiting to be sent.`);
      continue;
    }
    const earliest = Math.min(...feeds.map((feed) => feed.read!.readAt!));
    const lastSync = instantToWallClock(new Date(earliest), serverZone);
    const written = await client.setShiftLastSync(shift.name, lastSync);
    if (written.ok) {
      if (written.value === 'updated') report.updated.push({ name: shift.name, lastSync });
    } else report.errors.push(written.error);
  }
  return report;
}
