// Which punches keep each Shift Type's last sync from moving (shift-sync.ts): the earliest punch of
// its devices that is not in ERPNext yet. The runs stop there; the dashboard names it, so that HR
// can map, retry or ignore it.
import type { Punch, PunchState, SyncSettings } from '../vocabulary';
import type { Journal, StoredDevice } from '../journal';
import { wallClockToInstant } from './time-zone';

/** Punch states that are still on their way to ERPNext. */
export const ON_THEIR_WAY: PunchState[] = ['pending', 'failed', 'unmatched', 'rejected'];

type ShiftTypeFeed = SyncSettings['shiftTypes'][number];

export interface ShiftHold {
  shift: string;
  /** The earliest punch still on its way, and its device. */
  first: Punch;
  device: StoredDevice;
  count: number;
}

/** The earliest punch of this device still on its way, and how many there are. */
export function earliestOnItsWay(journal: Pick<Journal, 'earliestInStates'>, deviceId: string): { punch: Punch; count: number } | null {
  return journal.earliestInStates(deviceId, ON_THEIR_WAY);
}

/** The devices that feed a shift: those chosen, or every device when none is. */
export function devicesFeeding(shift: ShiftTypeFeed, devices: readonly StoredDevice[]): StoredDevice[] {
  return shift.deviceIds.length === 0 ? [...devices] : devices.filter((device) => shift.deviceIds.includes(device.id));
}

export function listShiftHolds(journal: Pick<Journal, 'earliestInStates' | 'listDevices'>, shiftTypes: readonly ShiftTypeFeed[]): ShiftHold[] {
  const devices = journal.listDevices();
  // Read on demand: the status asks after every event, and a device's punches on their way cost a
  // count of all of them (a tenth of a second on a million just imported). No shift, no reading.
  const perDevice = new Map<string, ReturnType<typeof earliestOnItsWay>>();
  const earliestOf = (deviceId: string) => {
    if (!perDevice.has(deviceId)) perDevice.set(deviceId, earliestOnItsWay(journal, deviceId));
    return perDevice.get(deviceId) ?? null;
  };
  const holds: ShiftHold[] = [];
  for (const shift of shiftTypes) {
    let hold: ShiftHold | null = null;
    let count = 0;
    for (const device of devicesFeeding(shift, devices)) {
      const held = earliestOf(device.id);
      if (!held) continue;
      count += held.count;
      if (!hold || instantOf(held.punch, device) < instantOf(hold.first, hold.device)) hold = { shift: shift.name, first: held.punch, device, count: 0 };
    }
    if (hold) holds.push({ ...hold, count });
  }
  return holds;
}

function instantOf(punch: Punch, device: StoredDevice): number {
  return wallClockToInstant(punch.deviceTime, device.timeZone ?? 'UTC').instant.getTime();
}
