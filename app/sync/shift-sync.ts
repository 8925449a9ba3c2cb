// Shift Type `last_sync_of_checkin` (docs/frappe-hr.md §1.8): HRMS auto attendance marks
// shifts that ended before it from the checkins it has, and a log that arrives later no longer
// changes that attendance (hrms shift_type.py). So the value moves to the earliest point up to
// which every device feeding the shift has been heard, and never past a punch of those devices
// still on its way (pending, failed, unmatched, refused). Both are read on the device clocks, as
// the punches' own times are.
import type { ApiError, Punch, Result } from '../vocabulary';
import type { ShiftSyncUpdate } from '../erpnext';
import type { StoredDevice } from '../journal';
import type { DeviceReadResult } from './device-read';
import { devicesFeeding } from './shift-holds';
import { convertDeviceTime, instantToWallClock } from './time-zone';

export interface ShiftTypeFeed {
  name: string;
  /** Empty: fed by every device. */
  deviceIds: string[];
}

export interface ShiftUpdateReport {
  updated: { name: string; lastSync: string }[];
  errors: ApiError[];
  warnings: string[];
}

export interface ShiftFeedSources {
  devices: readonly StoredDevice[];
  /** This run's reads of the devices it polls. */
  reads: readonly DeviceReadResult[];
  /** When an ADMS-fed device last contacted the receiver (ISO), or null when it is not ADMS-fed. */
  admsLastSeenAt(deviceId: string): string | null;
  /** The earliest punch of this device still on its way, and how many there are. */
  earliestOnItsWay(deviceId: string): { punch: Punch; count: number } | null;
}

export async function updateShiftTypes(
  shiftTypes: readonly ShiftTypeFeed[],
  sources: ShiftFeedSources,
  serverZone: string,
  client: { setShiftLastSync(name: string, serverTime: string): Promise<Result<ShiftSyncUpdate>> },
): Promise<ShiftUpdateReport> {
  const report: ShiftUpdateReport = { updated: [], errors: [], warnings: [] };
  for (const shift of shiftTypes) {
    const planned = plannedLastSync(shift, sources, serverZone);
    if ('warning' in planned) {
      report.warnings.push(planned.warning);
      continue;
    }
    if (planned.heldBy) report.warnings.push(planned.heldBy);
    const written = await client.setShiftLastSync(shift.name, planned.lastSync);
    if (written.ok) {
      if (written.value === 'updated') report.updated.push({ name: shift.name, lastSync: planned.lastSync });
    } else report.errors.push(written.error);
  }
  return report;
}

type Plan = { lastSync: string; heldBy: string | null } | { warning: string };

function plannedLastSync(shift: ShiftTypeFeed, sources: ShiftFeedSources, serverZone: string): Plan {
  const chosen = devicesFeeding(shift, sources.devices);
  // A disabled device sends nothing new; only its held punches still count.
  const heard = chosen.filter((device) => device.enabled).map((device) => heardUpTo(device, sources));
  const unheard = heard.filter((feed) => feed.instant === null);
  if (unheard.length > 0) {
    const names = unheard.map((feed) => feed.device.name).join(', ');
    return { warning: `Shift Type "${shift.name}": last sync not moved, because ${names} could not be read in this run.` };
  }
  if (heard.length === 0) return { warning: `Shift Type "${shift.name}": last sync not moved, because none of its devices is enabled.` };
  const earliestHeard = Math.min(...heard.map((feed) => feed.instant!));
  let lastSync = instantToWallClock(new Date(earliestHeard), serverZone);
  const held = earliestHeldPunch(chosen, sources, serverZone);
  if (!held || held.serverTime >= lastSync) return { lastSync, heldBy: null };
  lastSync = held.serverTime;
  const { punch } = held;
  return {
    lastSync,
    heldBy:
      `Shift Type "${shift.name}": last sync held at ${lastSync} by ${held.count} punch${held.count === 1 ? '' : 'es'} not yet in ERPNext, ` +
      `the first from user ${punch.userId} on ${punch.deviceName} at ${punch.deviceTime} (${punch.state}${punch.lastError ? `: ${punch.lastError}` : ''}). ` +
      'Map, retry or ignore them on the Punches page so that auto attendance sees them.',
  };
}

/** The instant up to which the device's punches are in the journal, on the device's clock. */
function heardUpTo(device: StoredDevice, sources: ShiftFeedSources): { device: StoredDevice; instant: number | null } {
  const admsSeenAt = sources.admsLastSeenAt(device.id);
  // An ADMS terminal uploads each punch as it happens, and its clock skew is not measured.
  if (admsSeenAt !== null) return { device, instant: Date.parse(admsSeenAt) };
  const read = sources.reads.find((candidate) => candidate.deviceId === device.id);
  if (!read?.ok || read.readAt === null) return { device, instant: null };
  // A device running slow stamps the next punch before the read on this computer's clock.
  return { device, instant: read.readAt + (read.clockSkewSeconds ?? 0) * 1000 };
}

function earliestHeldPunch(devices: readonly StoredDevice[], sources: ShiftFeedSources, serverZone: string) {
  let earliest: { punch: Punch; serverTime: string; count: number } | null = null;
  let count = 0;
  for (const device of devices) {
    const held = sources.earliestOnItsWay(device.id);
    if (!held) continue;
    count += held.count;
    const { serverTime } = convertDeviceTime(held.punch.deviceTime, device.timeZone ?? serverZone, serverZone);
    if (!earliest || serverTime < earliest.serverTime) earliest = { punch: held.punch, serverTime, count: 0 };
  }
  return earliest && { ...earliest, count };
}
