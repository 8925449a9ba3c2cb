// The one interface the renderer sees (docs/ARCHITECTURE.md, "One contract"). The preload, the IPC
// handlers and the headless host's routes are all generated from PUNCHBRIDGE_API_INPUTS, so adding
// a method is one entry here plus its implementation.
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
} from '../vocabulary';
import {
  AdmsDevice,
  AdmsReach,
  ApiError,
  AppStatus,
  ApproveAdmsDeviceInput,
  ApproveAdmsDeviceSchema,
  Device,
  DeviceInput,
  DeviceInputSchema,
  DeviceProbeInput,
  DeviceProbeResult,
  DeviceProbeSchema,
  DeviceTrace,
  DeviceUser,
  EmployeeMapping,
  EmployeeSearch,
  EmployeeSearchSchema,
  EmployeeSummary,
  ErpnextSettings,
  ErpnextSettingsInput,
  ErpnextSettingsInputSchema,
  ErpnextTestResult,
  IMPORT_FILE_MAX_BASE64,
  ImportOutcome,
  ImportPreview,
  ImportPreviewInput,
  ImportPreviewSchema,
  ImportPunchesInput,
  ImportPunchesSchema,
  LogLine,
  MapUsersInput,
  MapUsersOutcome,
  MapUsersSchema,
  Preferences,
  PreferencesInput,
  PreferencesSchema,
  PunchActivity,
  PunchExport,
  PunchExportSchema,
  PunchPage,
  PunchQuery,
  PunchQuerySchema,
  PunchSelection,
  PunchSelectionSchema,
  RefusalGroup,
  RefusalReason,
  RefusalReasonSchema,
  Result,
  RunProgress,
  RunSummary,
  Schedule,
  ScheduleInput,
  ScheduleSchema,
  ShiftTypeSummary,
  SyncSettings,
  SyncSettingsInput,
  SyncSettingsSchema,
  UnmapInput,
  UnmapSchema,
  UnmatchedUser,
} from '../vocabulary';

// The renderer imports the vocabulary through the contract, beside the methods it travels in.
export * from '../vocabulary';

// ---------- method arguments ----------

export const DeviceUpdateSchema = z.object({ id: z.string().min(1), changes: DeviceInputSchema.partial() });
export type DeviceUpdate = z.input<typeof DeviceUpdateSchema>;
export const DeviceIdSchema = z.object({ id: z.string().min(1) });
export type DeviceId = z.infer<typeof DeviceIdSchema>;
export const PausedSchema = z.object({ paused: z.boolean() });
export const RunIdSchema = z.object({ id: z.number().int().positive() });
export const ListRunsSchema = z.object({ limit: z.number().int().min(1).max(500).default(50) });
export const LogQuerySchema = z.object({ lines: z.number().int().min(1).max(5000).default(500) });

/** Methods whose argument carries a whole file: doors that limit request sizes allow these more. */
export const FILE_UPLOAD_METHODS: readonly PunchbridgeApiMethod[] = ['previewImport', 'importPunches'];
export const FILE_UPLOAD_MAX_REQUEST_BYTES = IMPORT_FILE_MAX_BASE64 + 64 * 1024;

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
  /** Today's punches per hour and this week's per day, on each device's own clock, for the dashboard's chart. */
  getPunchActivity(): Promise<PunchActivity>;

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
  getPunchActivity: NoInput,
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
  getPunchActivity: false,
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
