// Types the journal adds to the contract's: what goes in, and device rows before app/api adds
// what the journal does not own (the comm key flag and the status).
import type { Device, DeviceConfig, LogType } from '../vocabulary';

/** One attendance record as a source read it. `deviceTime` is `YYYY-MM-DD HH:mm:ss`, device zone. */
export interface PunchRecord {
  userId: string;
  deviceTime: string;
  punchStateCode: number;
  verifyType: number;
}

export interface InsertResult {
  /** Records handed in. */
  read: number;
  /** Records that were new; the rest were already in the journal (and are just as committed). */
  inserted: number;
}

/** What the sync engine worked out for a punch and sent to ERPNext. */
export interface SentPunch {
  serverTime: string;
  logType: LogType | null;
  /** Set when a DST change made the device time ambiguous or impossible. */
  timeNote: string | null;
  /** The employee it was sent for, when known (a mapping, or ERPNext's answer). */
  employee: string | null;
  employeeName?: string | null;
}

/** When a punch's unanswered pushes left (the first) and gave up (the last), as ISO times. */
export interface DoubtWindow {
  sentAt: string;
  until: string;
}

/** A device as the journal keeps it; app/api adds `hasCommKey` (secret store) and `status`. */
export type StoredDevice = Omit<Device, 'hasCommKey' | 'status'>;

/** DeviceConfig without the comm key, which lives in the secret store. */
export type StoredDeviceConfig = Omit<DeviceConfig, 'commKey'>;

/** What a successful read of a device learnt about it. */
export interface DeviceReadInfo {
  serialNumber: string;
  readAt: string;
  clockSkewSeconds: number | null;
  recordCount: number | null;
  recordCapacity: number | null;
}

export interface DeviceClear {
  id: number;
  deviceId: string | null;
  deviceSerial: string;
  clearedAt: string;
  recordsRead: number;
  recordsCommitted: number;
}

export interface MappedEmployee {
  employee: string;
  employeeName: string | null;
}
