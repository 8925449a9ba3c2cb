// Devices: how one is configured, what it reports, and what a probe or a read returns.
import { z } from 'zod';
import type { ApiError } from './results';
import { TimeZoneSchema } from './zones';

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const HOST_NAME = /^(?=.{1,253}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const HostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the device address, such as 192.168.1.201')
  .refine((host) => !/^[\w.-]+:\d+$/.test(host), 'Enter the address without ":port"; the port has its own field')
  .refine((host) => !/^[a-z]+:\/\//i.test(host), 'Enter only the address, such as 192.168.1.201, without http://')
  .refine(
    // Digits and dots only means the person meant an IPv4 address, so 192.168.1.300 is a typo.
    (host) => (/^[\d.]+$/.test(host) ? IPV4.test(host) : HOST_NAME.test(host)),
    'Enter an IPv4 address such as 192.168.1.201 or a host name',
  );
export const PortSchema = z.number().int().min(1, 'Ports run from 1 to 65535').max(65535, 'Ports run from 1 to 65535');
/** ZK comm keys are numbers from 0 to 999999; empty means "no key". */
const CommKeySchema = z.string().regex(/^\d{0,6}$/, 'The comm key is a number of up to 6 digits, as set on the device');

export const LOG_TYPE_RULES = ['auto', 'in', 'out', 'none'] as const;

/** How an ADMS push terminal reads the handshake's TimeZone option; firmwares differ (docs/zk-protocol.md §4). */
export const ADMS_TIME_ZONE_UNITS = ['hours', 'minutes'] as const;
export type AdmsTimeZoneUnit = (typeof ADMS_TIME_ZONE_UNITS)[number];
export type LogTypeRule = (typeof LOG_TYPE_RULES)[number];

export const ClearPolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('never') }),
  z.object({ mode: z.literal('when-fuller-than'), percent: z.number().int().min(1).max(100) }),
]);
export type ClearPolicy = z.infer<typeof ClearPolicySchema>;

export const DeviceInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the device a name, such as "Main gate"').max(80),
  host: HostSchema,
  port: PortSchema.default(4370),
  /** 'auto' tries TCP first and falls back to UDP; 'udp' is for devices that only speak UDP. */
  transport: z.enum(['auto', 'udp']).default('auto'),
  /** Write-only. Omitted keeps the stored key; '' removes it. */
  commKey: CommKeySchema.optional(),
  /** IANA zone of the device's clock; null means the ERPNext server's zone. */
  timeZone: TimeZoneSchema.nullable().default(null),
  logTypeRule: z.enum(LOG_TYPE_RULES).default('auto'),
  inStates: z.array(z.number().int().min(0).max(255)).default([0, 4]),
  outStates: z.array(z.number().int().min(0).max(255)).default([1, 5]),
  clearPolicy: ClearPolicySchema.default({ mode: 'never' }),
  enabled: z.boolean().default(true),
  live: z.boolean().default(false),
  /** Name encoding on the device, for non-ASCII user names (e.g. utf-8, gbk, windows-1256). */
  nameEncoding: z.string().default('utf-8'),
  /**
   * How long to wait for the steps a full log on a slow terminal makes long: preparing the log,
   * each part of it, clearing it. Ordinary answers keep a short wait. pyzk waits 60 s.
   */
  timeoutSeconds: z.number().int('The timeout is a whole number of seconds').min(5, 'The timeout runs from 5 to 600 seconds').max(600, 'The timeout runs from 5 to 600 seconds').default(60),
  /** ADMS push terminals only: the unit its firmware expects TimeZone in (5.5 hours or 330 minutes). */
  admsTimeZoneUnit: z.enum(ADMS_TIME_ZONE_UNITS).default('hours'),
});
export type DeviceInput = z.input<typeof DeviceInputSchema>;
export type DeviceConfig = z.output<typeof DeviceInputSchema>;



export type DeviceStatus = 'never-read' | 'ok' | 'warning' | 'error' | 'disabled';

export interface Device extends Omit<DeviceConfig, 'commKey'> {
  id: string;
  hasCommKey: boolean;
  serialNumber: string | null;
  status: DeviceStatus;
  lastReadAt: string | null;
  lastError: ApiError | null;
  /** Device clock minus this PC's clock at the last read, in seconds. */
  clockSkewSeconds: number | null;
  recordCount: number | null;
  recordCapacity: number | null;
  /** When its log will be full at the rate of its recent reads; absent when its log size is unknown. */
  logFull?: LogFullForecast;
}

export type LogFullForecast = { kind: 'full-by'; day: string; perDay: number } | { kind: 'not-filling' } | { kind: 'not-enough-history' };

/** A connection test that does not need the device saved first. */
export const DeviceProbeSchema = z.object({
  host: HostSchema,
  port: PortSchema.default(4370),
  transport: z.enum(['auto', 'udp']).default('auto'),
  commKey: CommKeySchema.optional(),
  /** When testing a saved device whose key is stored, pass its id and omit commKey. */
  deviceId: z.string().optional(),
});
export type DeviceProbeInput = z.input<typeof DeviceProbeSchema>;

export interface DeviceProbeResult {
  serialNumber: string;
  firmware: string;
  deviceName: string;
  platform: string;
  transportUsed: 'tcp' | 'udp';
  userCount: number;
  userCapacity: number;
  recordCount: number;
  recordCapacity: number;
  deviceTime: string;
  /** Device clock minus this PC's clock, in seconds. */
  clockSkewSeconds: number;
}

/** One session with a device, recorded packet by packet for support (app/zk trace format). */
export interface DeviceTrace {
  fileName: string;
  /** The trace file's text: JSON, with the comm key, user names and passwords masked. */
  trace: string;
  packetCount: number;
  /** What went wrong in the recorded session, if anything; the trace shows it either way. */
  sessionError: ApiError | null;
}

export interface DeviceUser {
  userId: string;
  name: string;
  privilege: number;
  cardNumber: number;
}
