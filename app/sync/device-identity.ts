// The identity punches of a terminal are filed under (docs/ARCHITECTURE.md "Identity"): its serial
// number, or, for OEM firmware that answers an empty serial or refuses the request, its MAC
// address, or else one Punchbridge assigns (the device's stand-in serial, which file imports for a
// device not read yet already use, so they stay joinable). Two units that report one serial are
// never merged: the one that did not carry it first is filed under its own assigned identity, and
// that is said.
import { standInSerial } from '../journal';
import { ZkError, type ZkDevice } from '../zk';

/** What the terminal says about itself; null where it answered nothing usable. */
export interface ReportedIdentity {
  serialNumber: string | null;
  macAddress: string | null;
}

export type IdentitySource = 'serial' | 'mac' | 'assigned';

export interface DeviceIdentity {
  /** The serial punches and users of this device are filed under. */
  serial: string;
  source: IdentitySource;
  /** Set when the device's serial belongs to another configured device. */
  warning: string | null;
}

/** The configured device that already carries a serial, if any. */
export type SerialOwnerLookup = (serial: string) => { deviceId: string; name: string } | null;

const MAC_IDENTITY_PREFIX = 'mac:';

export async function readReportedIdentity(connection: Pick<ZkDevice, 'getSerialNumber' | 'getMacAddress'>): Promise<ReportedIdentity> {
  const serialNumber = usableText(await answeredOrNull(connection.getSerialNumber()));
  // Asked only when the serial is missing: a normal device costs no extra request.
  const macAddress = serialNumber ? null : usableMac(await answeredOrNull(connection.getMacAddress()));
  return { serialNumber, macAddress };
}

/** Synchronous, so that a caller can claim and commit in one step that no other device's commit can cut into. */
export function claimIdentity(reported: ReportedIdentity, device: { id: string; name: string }, ownerOf: SerialOwnerLookup): DeviceIdentity {
  const own = reported.serialNumber ?? (reported.macAddress ? `${MAC_IDENTITY_PREFIX}${reported.macAddress}` : null);
  if (own === null) return { serial: standInSerial(device.id), source: 'assigned', warning: null };
  const owner = ownerOf(own);
  if (!owner || owner.deviceId === device.id) return { serial: own, source: reported.serialNumber ? 'serial' : 'mac', warning: null };
  const assigned = standInSerial(device.id);
  const what = reported.serialNumber ? `serial number ${own}` : `MAC address ${reported.macAddress}`;
  return {
    serial: assigned,
    source: 'assigned',
    warning: `${device.name} reports the ${what}, which ${owner.name} also reports. Two units cannot share one identity, so the punches of ${device.name} are kept apart under "${assigned}". Check both devices' serial numbers (Menu > System Info > Device Info): units with copied firmware often repeat one.`,
  };
}

async function answeredOrNull(answer: Promise<string>): Promise<string | null> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof ZkError && error.code === 'device-refused') return null;
    throw error;
  }
}

function usableText(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Six hex pairs, not all zero or all FF (what unset factory values read as). */
function usableMac(text: string | null): string | null {
  const pairs = text?.trim().toLowerCase().split(/[:-]/) ?? [];
  if (pairs.length !== 6 || !pairs.every((pair) => /^[0-9a-f]{2}$/.test(pair))) return null;
  if (pairs.every((pair) => pair === '00') || pairs.every((pair) => pair === 'ff')) return null;
  return pairs.join(':');
}
