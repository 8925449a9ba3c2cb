// The ERPNext client: one transport (keep-alive agents, one axios instance) per connection, the
// checkin endpoint found once and shared by every push.
import type { ApiError, EmployeeSummary, Result, ShiftTypeSummary } from '../vocabulary';
import { mayCreateCheckins } from './api-user-roles';
import { detectCheckinEndpoint, type CheckinEndpoint } from './checkin-endpoint';
import { findCheckin, type FoundCheckin } from './checkin-lookup';
import { findCheckinsSavedBetween, type SavedCheckin } from './saved-between-lookup';
import { classifyCheckinAnswer, documentRefusedError, type PushOutcome, type SentCheckin } from './checkin-outcome';
import { testConnection, getServerTimeZone, type ErpnextTestReport } from './connection-test';
import { listEmployeeFieldValues, listEmployees, searchEmployees, setAttendanceDeviceId, type EmployeeListQuery } from './employees';
import { readFrappeAnswer } from './frappe-answer';
import { withLanguage } from './frappe-call';
import { listShiftTypes, setShiftLastSync, type ShiftSyncUpdate } from './shift-types';
import { createTransport, networkFailureError, type ErpnextConnection, type Transport } from './transport';

export interface CheckinPunch {
  /** The value matched against `employeeFieldname` (the device user id, or an employee id). */
  employeeFieldValue: string;
  /** `YYYY-MM-DD HH:mm:ss` in the ERPNext server's time zone. */
  timestamp: string;
  deviceId: string;
  logType: 'IN' | 'OUT' | null;
  /** Default `attendance_device_id`; `name` when punches are mapped to employee ids. */
  employeeFieldname?: string;
  latitude?: number | null;
  longitude?: number | null;
}

export interface ErpnextClient {
  /** `chosenTimeZone`: the server zone set in settings, checked against System Settings. */
  testConnection(options?: { chosenTimeZone?: string | null }): Promise<Result<ErpnextTestReport>>;
  pushCheckin(punch: CheckinPunch): Promise<PushOutcome>;
  /** The checkin of this punch already in ERPNext (same employee and time, any log type), or null. */
  findCheckin(punch: CheckinPunch): Promise<Result<FoundCheckin | null>>;
  /** Checkins of the punch's employee, device and log type saved between two server times (the time trap's window). */
  findCheckinsSavedBetween(punch: CheckinPunch, from: string, to: string): Promise<Result<SavedCheckin[]>>;
  listEmployees(query: EmployeeListQuery): Promise<Result<EmployeeSummary[]>>;
  searchEmployees(text: string, limit: number): Promise<Result<EmployeeSummary[]>>;
  /** The values of this Employee field that the API user can see, to skip punches nobody carries. */
  listEmployeeFieldValues(fieldname: string): Promise<Result<Set<string>>>;
  setAttendanceDeviceId(employee: string, value: string): Promise<Result<EmployeeSummary>>;
  listShiftTypes(): Promise<Result<ShiftTypeSummary[]>>;
  setShiftLastSync(name: string, serverTime: string): Promise<Result<ShiftSyncUpdate>>;
  getServerTimeZone(): Promise<Result<string>>;
  /** How long requests waited for the site's rate-limit window; null when the site sends no limit. */
  rateLimitWaits(): { pausedMs: number; limitMicros: number } | null;
  /** Closes the kept-alive sockets. */
  close(): void;
}

export interface ErpnextClientOptions {
  /** The endpoint a previous connection test found; without it the first push detects it. */
  endpoint?: CheckinEndpoint;
}

export function createErpnextClient(connection: ErpnextConnection, options: ErpnextClientOptions = {}): Result<ErpnextClient> {
  const created = createTransport(connection);
  if (!created.ok) return created;
  const transport = created.value;
  const endpoints = endpointCache(transport, options.endpoint);
  const roles = roleCache(transport);
  return {
    ok: true,
    value: {
      testConnection: async (testOptions = {}) => {
        const tested = await testConnection(transport, { verifyTls: connection.verifyTls !== false, chosenTimeZone: testOptions.chosenTimeZone });
        if (tested.ok) endpoints.set(tested.value.endpoint);
        return tested;
      },
      pushCheckin: (punch) => pushCheckin(transport, endpoints, roles, punch),
      findCheckin: (punch) => findCheckin(transport, punch),
      findCheckinsSavedBetween: (punch, from, to) => findCheckinsSavedBetween(transport, punch, from, to),
      listEmployees: (query) => listEmployees(transport, query),
      searchEmployees: (text, limit) => searchEmployees(transport, text, limit),
      listEmployeeFieldValues: (fieldname) => listEmployeeFieldValues(transport, fieldname),
      setAttendanceDeviceId: (employee, value) => setAttendanceDeviceId(transport, employee, value),
      listShiftTypes: () => listShiftTypes(transport),
      setShiftLastSync: (name, serverTime) => setShiftLastSync(transport, name, serverTime),
      getServerTimeZone: () => getServerTimeZone(transport),
      rateLimitWaits: () => transport.rateLimitWaits(),
      close: () => transport.close(),
    },
  };
}

interface EndpointCache {
  get(): Promise<Result<CheckinEndpoint>>;
  set(endpoint: CheckinEndpoint): void;
  /** Forget the endpoint after the server said it is gone, so the next push detects again. */
  forget(endpoint: CheckinEndpoint): void;
}

function endpointCache(transport: Transport, initial: CheckinEndpoint | undefined): EndpointCache {
  let known: CheckinEndpoint | null = initial ?? null;
  // Concurrent first pushes share one detection.
  let detecting: Promise<Result<CheckinEndpoint>> | null = null;
  return {
    async get() {
      if (known) return { ok: true, value: known };
      detecting ??= detectCheckinEndpoint(transport).then((probe) => {
        detecting = null;
        if (!probe.ok) return probe;
        known = probe.value.endpoint;
        return { ok: true, value: known };
      });
      return detecting;
    },
    set(endpoint) {
      known = endpoint;
    },
    forget(endpoint) {
      if (known?.path === endpoint.path) known = null;
    },
  };
}

/** The role check, asked once per client and again only when it could not be read. */
function roleCache(transport: Transport): () => Promise<boolean | null> {
  let known: Promise<boolean | null> | null = null;
  return () => {
    known ??= mayCreateCheckins(transport).then((may) => {
      if (may === null) known = null;
      return may;
    });
    return known;
  };
}

async function pushCheckin(transport: Transport, endpoints: EndpointCache, roles: () => Promise<boolean | null>, punch: CheckinPunch): Promise<PushOutcome> {
  const endpoint = await endpoints.get();
  if (!endpoint.ok) return outcomeOfFailedDetection(endpoint.error);
  const sent: SentCheckin = {
    employeeFieldValue: punch.employeeFieldValue,
    employeeFieldname: punch.employeeFieldname ?? 'attendance_device_id',
    timestamp: punch.timestamp,
    deviceId: punch.deviceId,
  };
  const timeoutMs = transport.writeTimeoutMs;
  const response = await transport.send(withLanguage(transport, { method: 'POST', path: endpoint.value.path, body: checkinBody(punch), timeoutMs }));
  if (!response.ok) {
    const error = networkFailureError({ baseUrl: transport.baseUrl, timeoutMs }, response.failure);
    return { kind: 'transient', inDoubt: MAY_HAVE_ARRIVED.has(response.failure.reason), error, serverMessage: null };
  }
  const outcome = classifyCheckinAnswer(readFrappeAnswer(response.response), sent);
  if (outcome.kind === 'endpoint-missing') endpoints.forget(endpoint.value);
  // The role check tells a User Permission on this employee from a role the user lacks.
  if (outcome.kind === 'no-permission' && (await roles()) === true) {
    return { kind: 'document-refused', error: documentRefusedError(punch.employeeFieldValue, outcome.serverMessage), serverMessage: outcome.serverMessage };
  }
  return outcome;
}

/** Failures after which the request may have been received and committed. */
const MAY_HAVE_ARRIVED = new Set(['timeout', 'reset', 'other']);

function checkinBody(punch: CheckinPunch): Record<string, unknown> {
  const body: Record<string, unknown> = {
    employee_field_value: punch.employeeFieldValue,
    timestamp: punch.timestamp,
    device_id: punch.deviceId,
    log_type: punch.logType,
  };
  if (punch.employeeFieldname) body.employee_fieldname = punch.employeeFieldname;
  // Servers before 2025 drop parameters they do not
  // declare (docs/frappe-hr.md §0.2), so this is safe.
  if (punch.latitude != null && punch.longitude != null) {
    body.latitude = punch.latitude;
    body.longitude = punch.longitude;
  }
  return body;
}

function outcomeOfFailedDetection(error: ApiError): PushOutcome {
  const serverMessage = null;
  if (error.code === 'erpnext-bad-credentials') return { kind: 'bad-credentials', error, serverMessage };
  if (error.code === 'erpnext-no-permission') return { kind: 'no-permission', error, serverMessage };
  if (error.code === 'erpnext-endpoint-missing') return { kind: 'endpoint-missing', error, serverMessage };
  if (error.code === 'erpnext-redirected') return { kind: 'redirected', location: null, error, serverMessage };
  if (error.code === 'erpnext-proxy-page') return { kind: 'proxy-page', error, serverMessage };
  return { kind: 'transient', inDoubt: false, error, serverMessage };
}
