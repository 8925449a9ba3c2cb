// The one interface the renderer sees (DESIGN.md, "One contract"). The preload, the IPC handlers
// and the headless host's routes are all generated from PUNCHBRIDGE_API_INPUTS, so adding a method
// is one entry here plus its implementation.
import { z } from 'zod';
import {
  ApplyDeviceUsersSchema,
  DeviceUserSyncSchema,
  ListDeviceUserChangesSchema,
  type ApplyDeviceUsersInput,
  type DeviceUserChangeRecord,
  type DeviceUserOutcome,
  type DeviceUserOverview,
  type DeviceUserSyncInput,
} from './device-users-contract';

export * from './device-users-contract';

// ---------- results and errors ----------

/** An expected failure, written for a person: what happened, and what to do about it. */
export interface ApiError {
  code: string;
  message: string;
  action: string;
}

/**
 * An ApiError recognised by its shape, for values that crossed a boundary which keeps only plain
 * data (Electron's contextBridge copies a rejection reason and drops its prototype).
 */
export function asApiError(value: unknown): ApiError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message, action } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string' || typeof action !== 'string') return null;
  return { code, message, action };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------- shared value schemas ----------

/** A naive wall-clock time as devices and ERPNext carry it: `YYYY-MM-DD HH:mm:ss`. */
export const WallClockTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'Use the form YYYY-MM-DD HH:mm:ss');
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD');

export const TimeZoneSchema = z.string().refine(isKnownTimeZone, {
  message: 'Choose a time zone from the list, such as Asia/Kolkata or Europe/Berlin',
});

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// IANA renamed some zones years ago, but ICU, and so Intl in Node and in Chromium, still lists them
// under their old names: Intl.supportedValuesOf('timeZone') has Asia/Calcutta and no Asia/Kolkata,
// and it leaves out UTC, the zone of many servers.
// ERPNext and the people using Punchbridge know the current names, so every list and default shown
// uses those. Both names keep working in conversions; only what is shown and stored changes.

/** Old name as ICU lists it -> current IANA name (tzdata's "backward" file). */
const CURRENT_NAME_OF: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
  GMT: 'UTC',
};

export function currentZoneName(zone: string): string {
  return CURRENT_NAME_OF[zone] ?? zone;
}

/** Every zone this runtime knows, by its current name, sorted. */
export function timeZoneNames(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return [...new Set(['UTC', ...known.map(currentZoneName)])].sort();
}

/** This computer's zone, by its current name. */
export function localTimeZone(): string {
  return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

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
const PortSchema = z.number().int().min(1, 'Ports run from 1 to 65535').max(65535, 'Ports run from 1 to 65535');
/** ZK comm keys are numbers from 0 to 999999; empty means "no key". */
const CommKeySchema = z.string().regex(/^\d{0,6}$/, 'The comm key is a number of up to 6 digits, as set on the device');

// ---------- punches ----------

export const PUNCH_STATES = ['pending', 'synced', 'unmatched', 'rejected', 'failed', 'ignored'] as const;
export type PunchState = (typeof PUNCH_STATES)[number];
export const PunchStateSchema = z.enum(PUNCH_STATES);

export type PunchSource = 'zk' | 'live' | 'adms' | 'file';
export type LogType = 'IN' | 'OUT';

/**
 * Two kinds of time travel through this contract:
 * - wall-clock values `YYYY-MM-DD HH:mm:ss` with no zone, as devices and ERPNext keep them
 *   (Punch.deviceTime in the device's zone, Punch.serverTime in the ERPNext zone,
 *   UnmatchedUser.firstSeen/lastSeen in device zones);
 * - instants this app recorded itself, as ISO 8601 UTC strings (`2026-11-25T09:15:02.000Z`): run
 *   start and finish, receivedAt, syncedAt, lastReadAt, createdAt, nextRunAt, log lines.
 */
export interface Punch {
  id: number;
  deviceSerial: string;
  /** The configured device it came from; null when that device has since been removed. */
  deviceId: string | null;
  deviceName: string;
  userId: string;
  /** Wall-clock time on the device, in the device's zone. */
  deviceTime: string;
  /** The time sent to ERPNext, in the server zone; null until converted. */
  serverTime: string | null;
  /** Raw punch state code from the device (0 check-in, 1 check-out, 4 overtime-in...). */
  punchStateCode: number;
  verifyType: number;
  logType: LogType | null;
  state: PunchState;
  /** ERPNext's exact reason for rejected / failed / unmatched punches. */
  lastError: string | null;
  /** Set when a DST change made the device time ambiguous or impossible. */
  timeNote: string | null;
  employee: string | null;
  employeeName: string | null;
  checkinName: string | null;
  attempts: number;
  source: PunchSource;
  receivedAt: string;
  syncedAt: string | null;
}

export const PunchQuerySchema = z.object({
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  deviceId: z.string().optional(),
  employee: z.string().optional(),
  states: z.array(PunchStateSchema).optional(),
  search: z.string().max(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type PunchQuery = z.input<typeof PunchQuerySchema>;

export interface PunchPage {
  rows: Punch[];
  total: number;
}

export const PunchExportSchema = PunchQuerySchema.omit({ offset: true, limit: true });
export type PunchExport = z.input<typeof PunchExportSchema>;

/** The punches a retry or ignore acts on: chosen rows, or every punch a filter matches. */
export const PunchSelectionSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1, 'Select at least one punch') }),
  z.object({ filter: PunchExportSchema }),
]);
export type PunchSelection = z.input<typeof PunchSelectionSchema>;

/**
 * Refused punches that share one reason: what ERPNext said, what to change and where, and whether
 * the cause still holds, checked when the list was asked for.
 */
export interface RefusalGroup {
  /** ERPNext's words, exactly as stored on the punches (HTML included, if it sent any). */
  reason: string;
  count: number;
  /** Device times of the oldest and newest punch. */
  firstTime: string;
  lastTime: string;
  /** A few of the device user ids concerned. */
  userIds: string[];
  /** What to change, in ERPNext or in Punchbridge, before sending them again. */
  whatToChange: string;
  /** The ERPNext document (or setting) to change, when one is known. */
  link: { label: string; url: string } | null;
  /** true: the cause still holds, so a resend would be refused again; false: it has changed; null: cannot tell. */
  stillRefused: boolean | null;
  /** What is different now, in a sentence (or why it cannot be told). */
  now: string;
}

export const RefusalReasonSchema = z.object({ reason: z.string().min(1) });
export type RefusalReason = z.input<typeof RefusalReasonSchema>;

// ---------- devices ----------

export const LOG_TYPE_RULES = ['auto', 'in', 'out', 'none'] as const;

/** How an ADMS push terminal reads the handshake's TimeZone option; firmwares differ (reference §4). */
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

export const DeviceUpdateSchema = z.object({ id: z.string().min(1), changes: DeviceInputSchema.partial() });
export type DeviceUpdate = z.input<typeof DeviceUpdateSchema>;

export const DeviceIdSchema = z.object({ id: z.string().min(1) });
export type DeviceId = z.infer<typeof DeviceIdSchema>;

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
}

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

// ---------- ERPNext ----------

export const ErpnextSettingsInputSchema = z.object({
  url: z
    .string()
    .trim()
    .url('Enter the full address of your ERPNext site, such as https://erp.example.com')
    .refine((u) => /^https?:\/\//i.test(u), 'The address starts with https:// (or http://)')
    .transform(siteAddress),
  apiKey: z
    .string()
    .trim()
    .min(1, 'Enter the API key from your ERPNext user (User > API Access)')
    .refine((key) => !key.includes(':'), 'This looks like key:secret. Put the part before ":" here and the part after it in API secret')
    .refine((key) => !/\s/.test(key), 'An API key has no spaces: paste only the key, without "token"'),
  /** Write-only. Omitted keeps the stored secret. */
  apiSecret: z.string().trim().min(1, 'Enter the API secret').optional(),
  /** The ERPNext System Settings time zone; null = read it from the server. */
  serverTimeZone: TimeZoneSchema.nullable().default(null),
  /** Which Employee field the device user id is matched against. */
  employeeFieldname: z.enum(['attendance_device_id', 'name']).default('attendance_device_id'),
  verifyTls: z.boolean().default(true),
  caFile: z.string().nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
});
export type ErpnextSettingsInput = z.input<typeof ErpnextSettingsInputSchema>;

/**
 * The site's own address from whatever was pasted: a page of the site copied from the browser
 * (https://erp.example.com/app/employee-checkin) means the site at its root, where Frappe lives.
 */
function siteAddress(pasted: string): string {
  const url = new URL(pasted);
  if (/^\/(app|desk|login|me|api|#)(\/|$)/.test(url.pathname) || url.hash) return url.origin;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface ErpnextSettings extends Omit<z.output<typeof ErpnextSettingsInputSchema>, 'apiSecret'> {
  hasApiSecret: boolean;
}

export interface ErpnextTestResult {
  user: string;
  /** e.g. 'hrms (v14+)', 'erpnext (v13)', 'v2 (Frappe v15+)'. */
  detectedPath: string;
  serverTimeZone: string | null;
  /** Things that work but need attention, each with what to do. */
  problems: ApiError[];
}

export interface EmployeeSummary {
  name: string;
  employeeName: string;
  attendanceDeviceId: string | null;
  status: string;
  company: string | null;
  department: string | null;
  branch: string | null;
}

export const EmployeeSearchSchema = z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) });
export type EmployeeSearch = z.input<typeof EmployeeSearchSchema>;

export interface ShiftTypeSummary {
  name: string;
  lastSyncOfCheckin: string | null;
  autoUpdateLastSync: boolean;
}

// ---------- mapping ----------

export interface UnmatchedUser {
  userId: string;
  deviceId: string | null;
  deviceSerial: string;
  deviceName: string;
  nameOnDevice: string | null;
  punchCount: number;
  firstSeen: string;
  lastSeen: string;
}

export const MapUsersSchema = z.object({
  mappings: z
    .array(
      z.object({
        userId: z.string().min(1),
        /** null maps this user id on every device. */
        deviceId: z.string().nullable().default(null),
        employee: z.string().min(1, 'Choose an employee'),
      }),
    )
    .min(1, 'Choose at least one user to map'),
  /** true: set the employee's Attendance Device ID in ERPNext; false: map in Punchbridge only. */
  writeToErpnext: z.boolean().default(false),
});
export type MapUsersInput = z.input<typeof MapUsersSchema>;

export interface MapUsersOutcome {
  mapped: number;
  /** Held punches that went back to the queue. */
  requeued: number;
  failures: { userId: string; error: ApiError }[];
}

export const UnmapSchema = z.object({ userId: z.string().min(1), deviceId: z.string().nullable().default(null) });
export type UnmapInput = z.input<typeof UnmapSchema>;

export interface EmployeeMapping {
  userId: string;
  deviceId: string | null;
  employee: string;
  employeeName: string | null;
  createdAt: string;
  /** Made with "Save to ERPNext": the employee's Attendance Device ID there. Unlinking puts back the value it replaced. */
  inErpnext: boolean;
}

// ---------- schedule, settings, preferences ----------

export const ScheduleSchema = z.object({
  intervalMinutes: z.number().int().min(1, 'Sync at most once a minute').max(1440, 'Sync at least once a day'),
  runAtStart: z.boolean().default(true),
});
export type ScheduleInput = z.input<typeof ScheduleSchema>;

export interface Schedule extends z.output<typeof ScheduleSchema> {
  paused: boolean;
  nextRunAt: string | null;
}

export const PausedSchema = z.object({ paused: z.boolean() });

export const SyncSettingsSchema = z.object({
  /** Punches before this date are ignored. */
  importStartDate: DateSchema.nullable().default(null),
  pushConcurrency: z.number().int().min(1).max(32).default(4),
  shiftTypes: z.array(z.object({ name: z.string().min(1), deviceIds: z.array(z.string()) })).default([]),
  /** Clock skew above this many seconds is a warning. */
  clockSkewWarningSeconds: z.number().int().min(10).default(120),
  /** Port of the ADMS push receiver for terminals that upload by themselves; null = off. */
  admsPort: PortSchema.refine(
    (port) => port >= 1024,
    'Ports below 1024 belong to system services (80 is the web) and need administrator rights: use one from 1024 up, such as 8081',
  )
    .nullable()
    .default(null),
});
export type SyncSettingsInput = z.input<typeof SyncSettingsSchema>;
export type SyncSettings = z.output<typeof SyncSettingsSchema>;

export const PreferencesSchema = z.object({
  startAtLogin: z.boolean().default(false),
  startMinimised: z.boolean().default(false),
  closeToTray: z.boolean().default(true),
});
export type PreferencesInput = z.input<typeof PreferencesSchema>;
export type Preferences = z.output<typeof PreferencesSchema>;

// ---------- other ways in: file import and ADMS push ----------

export const ColumnMappingSchema = z.object({
  userId: z.string().min(1, 'Choose the column with the user id'),
  /** The column with the date and time, or only the date when `timeOfDay` is set. */
  time: z.string().min(1, 'Choose the column with the punch time'),
  timeOfDay: z.string().optional(),
  state: z.string().optional(),
  /** How the time column writes dates; absent: told from the file, or asked when it cannot tell. */
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']).optional(),
});
export type ColumnMapping = z.input<typeof ColumnMappingSchema>;

/** Largest file the import takes; base64 makes it a third larger on the way in. */
export const IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;
const IMPORT_FILE_MAX_BASE64 = Math.ceil(IMPORT_FILE_MAX_BYTES / 3) * 4;
/** Methods whose argument carries a whole file: doors that limit request sizes allow these more. */
export const FILE_UPLOAD_METHODS: readonly PunchbridgeApiMethod[] = ['previewImport', 'importPunches'];
export const FILE_UPLOAD_MAX_REQUEST_BYTES = IMPORT_FILE_MAX_BASE64 + 64 * 1024;

const ImportFileSchema = z.object({
  fileName: z.string().min(1),
  /** The file's bytes, base64; files over 20 MB are refused. */
  contentBase64: z.string().max(IMPORT_FILE_MAX_BASE64, 'The file is larger than 20 MB: split it and import the parts'),
  /** Required for CSV and XLSX; USB attlog files need none. */
  mapping: ColumnMappingSchema.optional(),
});

export const ImportPreviewSchema = ImportFileSchema;
export type ImportPreviewInput = z.input<typeof ImportPreviewSchema>;

export const ImportPunchesSchema = ImportFileSchema.extend({
  deviceId: z.string().min(1, 'Choose the device these punches came from'),
  /** Import the good rows even though some rows have problems. */
  acceptProblems: z.boolean().default(false),
});
export type ImportPunchesInput = z.input<typeof ImportPunchesSchema>;

export interface ImportProblem {
  line: number;
  reason: string;
}

export interface ImportPreview {
  kind: 'attlog' | 'csv' | 'xlsx';
  /** Column names (CSV/XLSX), for the mapping. */
  headers: string[];
  /** The first rows as text, for the preview table. */
  sampleRows: string[][];
  /** For each sample row, the device time it will be stored as; null for a row with a problem or before a mapping. */
  sampleTimes: (string | null)[];
  /**
   * How the dates are read: chosen in the mapping, or told from the file (`dateOrderDetected`);
   * null when the file cannot tell day from month, so the person must choose.
   */
  dateOrder: 'ymd' | 'dmy' | 'mdy' | null;
  dateOrderDetected: boolean;
  /** Punches the file gives with this mapping; null until a CSV/XLSX mapping is chosen. */
  punchCount: number | null;
  problems: ImportProblem[];
  problemCount: number;
  firstTime: string | null;
  lastTime: string | null;
}

export interface ImportOutcome {
  read: number;
  inserted: number;
  /** Rows that were already in the journal (from the device, ADMS or an earlier import). */
  alreadyKnown: number;
  problems: ImportProblem[];
}

/** Where terminals can reach the ADMS receiver: shown before a port is opened. */
export interface AdmsReach {
  /** true: every network interface of this computer (the LAN can reach it); false: this computer only. */
  everyInterface: boolean;
  /** This computer's addresses the port opens on, e.g. 192.168.1.20. */
  addresses: string[];
}

export interface AdmsDevice {
  serialNumber: string;
  approved: boolean;
  /** The configured device it feeds, once approved. */
  deviceId: string | null;
  remoteAddress: string | null;
  /** Where it was approved from: uploads are taken from this address only. */
  approvedAddress: string | null;
  /** An address its serial called from since approval, refused until it is approved again. */
  movedToAddress: string | null;
  movedAt: string | null;
  /** Approved with the Comm Key set on the terminal: proving it at the handshake moves it to a new address. */
  hasPushCommKey: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  punchesReceived: number;
}

export const ApproveAdmsDeviceSchema = z.object({
  serialNumber: z.string().min(1),
  name: z.string().trim().min(1, 'Give the device a name, such as "Main gate"').max(80),
  timeZone: TimeZoneSchema.nullable().default(null),
  /** The Comm Key set on the terminal's cloud server page, if any (first approval only). */
  pushCommKey: z.string().trim().max(64, 'The comm key is at most 64 characters').optional(),
});
export type ApproveAdmsDeviceInput = z.input<typeof ApproveAdmsDeviceSchema>;

// ---------- runs and progress ----------

export type RunTrigger = 'manual' | 'schedule' | 'startup' | 'wake' | 'cli';

export type DevicePhase =
  | 'waiting'
  | 'connecting'
  | 'reading-users'
  | 'reading-records'
  | 'saving'
  | 'clearing'
  | 'done'
  | 'failed';

export interface DeviceProgress {
  deviceId: string;
  deviceName: string;
  phase: DevicePhase;
  bytesRead: number;
  bytesTotal: number;
}

export interface RunProgress {
  runId: number;
  trigger: RunTrigger;
  startedAt: string;
  devices: DeviceProgress[];
  push: { done: number; total: number };
}

export interface RunCounts {
  read: number;
  new: number;
  synced: number;
  duplicates: number;
  unmatched: number;
  rejected: number;
  failed: number;
}

export interface DeviceRunResult {
  deviceId: string;
  deviceName: string;
  serialNumber: string | null;
  ok: boolean;
  read: number;
  new: number;
  cleared: boolean;
  clockSkewSeconds: number | null;
  error: ApiError | null;
  durationMs: number;
}

export type RunOutcome = 'ok' | 'partial' | 'failed';

export interface RunSummary {
  id: number;
  trigger: RunTrigger;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
  counts: RunCounts;
  devices: DeviceRunResult[];
  errors: ApiError[];
  warnings: string[];
}

export const RunIdSchema = z.object({ id: z.number().int().positive() });
export const ListRunsSchema = z.object({ limit: z.number().int().min(1).max(500).default(50) });

/** A checkin ERPNext saved at its own current time instead of the punch time (the time trap). */
export interface WrongCheckin {
  checkinName: string;
  /** The punch it was made for; null when that punch has since been removed. */
  punchId: number | null;
  employee: string | null;
  /** The punch time sent, and the time ERPNext saved, both in the server zone. */
  sentTime: string;
  savedTime: string;
  foundAt: string;
}

/**
 * All pushing stopped because ERPNext replaced punch times (issue 11 §2). It lasts until a person
 * lifts it (`liftedAt`); the next push is then one punch, checked, and the stop ends once one keeps
 * its time.
 */
export interface PushStop {
  reason: 'time-trap';
  stoppedAt: string;
  liftedAt: string | null;
  wrongCheckins: WrongCheckin[];
}

export interface AppStatus {
  running: boolean;
  progress: RunProgress | null;
  lastRun: RunSummary | null;
  paused: boolean;
  nextRunAt: string | null;
  counts: Record<PunchState, number>;
  unmatchedUsers: number;
  /** Set up yet? The UI shows first-run steps while either is false. */
  erpnextConfigured: boolean;
  devicesConfigured: boolean;
  /** Things that need a person, e.g. "The API secret was refused". */
  attention: ApiError[];
  /** Pushing stopped until a person lifts it; `error` says why and what to do. */
  pushStop: (PushStop & { error: ApiError }) | null;
  /** 'desktop' in Electron, 'headless' behind `punchbridge serve`, 'demo' with simulators. */
  mode: 'desktop' | 'headless' | 'demo';
}

export const LogQuerySchema = z.object({ lines: z.number().int().min(1).max(5000).default(500) });

export interface LogLine {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  module: string;
  message: string;
}

// ---------- events ----------

export type PunchbridgeEvent =
  | { type: 'status'; status: AppStatus }
  | { type: 'progress'; progress: RunProgress }
  | { type: 'run-finished'; run: RunSummary }
  | { type: 'error'; error: ApiError }
  | { type: 'unmatched-users'; users: UnmatchedUser[] };

// ---------- the interface ----------

export interface PunchbridgeApi {
  getStatus(): Promise<AppStatus>;
  syncNow(): Promise<Result<RunSummary>>;
  /** The person fixed what stopped pushing (the API user's role): push again, one punch checked first. */
  liftPushStop(): Promise<Result<{ lifted: boolean }>>;

  listDevices(): Promise<Device[]>;
  addDevice(input: DeviceInput): Promise<Result<Device>>;
  updateDevice(input: DeviceUpdate): Promise<Result<Device>>;
  removeDevice(input: DeviceId): Promise<Result<{ keptPunches: number }>>;
  testDevice(input: DeviceProbeInput): Promise<Result<DeviceProbeResult>>;
  readDeviceUsers(input: DeviceId): Promise<Result<DeviceUser[]>>;
  setDeviceTime(input: DeviceId): Promise<Result<{ deviceTime: string }>>;
  /** Talks to the device as "Try a device" does, with users and punches, and returns the byte trace. */
  saveDeviceTrace(input: DeviceId): Promise<Result<DeviceTrace>>;

  getErpnextSettings(): Promise<ErpnextSettings | null>;
  saveErpnextSettings(input: ErpnextSettingsInput): Promise<Result<ErpnextSettings>>;
  testErpnext(input: ErpnextSettingsInput | undefined): Promise<Result<ErpnextTestResult>>;
  listShiftTypes(): Promise<Result<ShiftTypeSummary[]>>;

  listUnmatchedUsers(): Promise<UnmatchedUser[]>;
  searchEmployees(input: EmployeeSearch): Promise<Result<EmployeeSummary[]>>;
  mapUsers(input: MapUsersInput): Promise<Result<MapUsersOutcome>>;
  unmapUser(input: UnmapInput): Promise<Result<{ removed: boolean }>>;
  listMappings(): Promise<EmployeeMapping[]>;

  queryPunches(input: PunchQuery): Promise<PunchPage>;
  retryPunches(input: PunchSelection): Promise<Result<{ requeued: number }>>;
  ignorePunches(input: PunchSelection): Promise<Result<{ ignored: number }>>;
  exportPunchesCsv(input: PunchExport): Promise<Result<{ fileName: string; csv: string }>>;
  /** Refused punches grouped by ERPNext's reason, each with what to change and whether it has changed. */
  listRefusals(): Promise<RefusalGroup[]>;
  /** The refused punches of one reason go back to the queue; `now` says what is different since. */
  retryRefusals(input: RefusalReason): Promise<Result<{ requeued: number; stillRefused: boolean | null; now: string }>>;

  getSchedule(): Promise<Schedule>;
  setSchedule(input: ScheduleInput): Promise<Result<Schedule>>;
  setPaused(input: { paused: boolean }): Promise<Schedule>;

  getSyncSettings(): Promise<SyncSettings>;
  saveSyncSettings(input: SyncSettingsInput): Promise<Result<SyncSettings>>;

  listRuns(input: { limit?: number }): Promise<RunSummary[]>;
  getRun(input: { id: number }): Promise<RunSummary | null>;
  readLog(input: { lines?: number }): Promise<LogLine[]>;

  getPreferences(): Promise<Preferences>;
  setPreferences(input: PreferencesInput): Promise<Result<Preferences>>;

  previewImport(input: ImportPreviewInput): Promise<Result<ImportPreview>>;
  importPunches(input: ImportPunchesInput): Promise<Result<ImportOutcome>>;

  /** ADMS push terminals that contacted the receiver, approved or waiting for approval. */
  listAdmsDevices(): Promise<AdmsDevice[]>;
  /** The addresses an ADMS port opens on, to say so before it is saved. */
  admsReach(): Promise<AdmsReach>;
  /** Keep this terminal's uploads from now on, as punches of a new configured device. */
  approveAdmsDevice(input: ApproveAdmsDeviceInput): Promise<Result<Device>>;

  /** What enrolling ERPNext's employees would change on each terminal; nothing is written. */
  previewDeviceUsers(input: DeviceUserSyncInput): Promise<Result<DeviceUserOverview>>;
  /** Makes the approved changes the terminals still need; each attempt is recorded. */
  applyDeviceUsers(input: ApplyDeviceUsersInput): Promise<Result<DeviceUserOutcome[]>>;
  listDeviceUserChanges(input: { limit?: number }): Promise<DeviceUserChangeRecord[]>;
}

/** Events arrive through a subscription beside the request/response methods. */
export interface PunchbridgeEvents {
  subscribe(listener: (event: PunchbridgeEvent) => void): () => void;
}

const NoInput = z.undefined();

/**
 * The argument schema of every method, validated at both doors (IPC and HTTP).
 * Its keys are the method list: bridges are built from it.
 */
export const PUNCHBRIDGE_API_INPUTS = {
  getStatus: NoInput,
  syncNow: NoInput,
  liftPushStop: NoInput,
  listDevices: NoInput,
  addDevice: DeviceInputSchema,
  updateDevice: DeviceUpdateSchema,
  removeDevice: DeviceIdSchema,
  testDevice: DeviceProbeSchema,
  readDeviceUsers: DeviceIdSchema,
  setDeviceTime: DeviceIdSchema,
  saveDeviceTrace: DeviceIdSchema,
  getErpnextSettings: NoInput,
  saveErpnextSettings: ErpnextSettingsInputSchema,
  testErpnext: ErpnextSettingsInputSchema.optional(),
  listShiftTypes: NoInput,
  listUnmatchedUsers: NoInput,
  searchEmployees: EmployeeSearchSchema,
  mapUsers: MapUsersSchema,
  unmapUser: UnmapSchema,
  listMappings: NoInput,
  queryPunches: PunchQuerySchema,
  retryPunches: PunchSelectionSchema,
  ignorePunches: PunchSelectionSchema,
  exportPunchesCsv: PunchExportSchema,
  listRefusals: NoInput,
  retryRefusals: RefusalReasonSchema,
  getSchedule: NoInput,
  setSchedule: ScheduleSchema,
  setPaused: PausedSchema,
  getSyncSettings: NoInput,
  saveSyncSettings: SyncSettingsSchema,
  listRuns: ListRunsSchema,
  getRun: RunIdSchema,
  readLog: LogQuerySchema,
  getPreferences: NoInput,
  setPreferences: PreferencesSchema,
  previewImport: ImportPreviewSchema,
  importPunches: ImportPunchesSchema,
  listAdmsDevices: NoInput,
  admsReach: NoInput,
  approveAdmsDevice: ApproveAdmsDeviceSchema,
  previewDeviceUsers: DeviceUserSyncSchema,
  applyDeviceUsers: ApplyDeviceUsersSchema,
  listDeviceUserChanges: ListDeviceUserChangesSchema,
} as const satisfies { [K in keyof PunchbridgeApi]: z.ZodType };

export type PunchbridgeApiMethod = keyof PunchbridgeApi;
export const PUNCHBRIDGE_API_METHODS = Object.keys(PUNCHBRIDGE_API_INPUTS) as PunchbridgeApiMethod[];

type ReturnsResult<M extends PunchbridgeApiMethod> = Awaited<ReturnType<PunchbridgeApi[M]>> extends Result<unknown> ? true : false;

/**
 * Which methods answer with a Result: a call refused at the door (bad argument, foreign sender)
 * then arrives as `{ ok: false, error }` where the screen expects one, and as a thrown error
 * elsewhere, exactly as the browser's HTTP client does. The type keeps each entry true to the contract.
 */
export const PUNCHBRIDGE_API_RETURNS_RESULT: { [M in PunchbridgeApiMethod]: ReturnsResult<M> } = {
  getStatus: false,
  syncNow: true,
  liftPushStop: true,
  listDevices: false,
  addDevice: true,
  updateDevice: true,
  removeDevice: true,
  testDevice: true,
  readDeviceUsers: true,
  setDeviceTime: true,
  saveDeviceTrace: true,
  getErpnextSettings: false,
  saveErpnextSettings: true,
  testErpnext: true,
  listShiftTypes: true,
  listUnmatchedUsers: false,
  searchEmployees: true,
  mapUsers: true,
  unmapUser: true,
  listMappings: false,
  queryPunches: false,
  retryPunches: true,
  ignorePunches: true,
  exportPunchesCsv: true,
  listRefusals: false,
  retryRefusals: true,
  getSchedule: false,
  setSchedule: true,
  setPaused: false,
  getSyncSettings: false,
  saveSyncSettings: true,
  listRuns: false,
  getRun: false,
  readLog: false,
  getPreferences: false,
  setPreferences: true,
  previewImport: true,
  importPunches: true,
  listAdmsDevices: false,
  admsReach: false,
  approveAdmsDevice: true,
  previewDeviceUsers: true,
  applyDeviceUsers: true,
  listDeviceUserChanges: false,
};

/** Parse a method's argument; a bad argument becomes an ApiError that says what to fix. */
export function parseApiInput<M extends PunchbridgeApiMethod>(
  method: M,
  input: unknown,
): { ok: true; value: Parameters<PunchbridgeApi[M]>[0] } | { ok: false; error: ApiError } {
  const parsed = PUNCHBRIDGE_API_INPUTS[method].safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as Parameters<PunchbridgeApi[M]>[0] };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return {
    ok: false,
    error: {
      code: 'invalid-argument',
      message: `${where}${first?.message ?? 'The request was not understood'}`,
      action: 'Correct the highlighted value and try again.',
    },
  };
}
