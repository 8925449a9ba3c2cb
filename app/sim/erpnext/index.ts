// A simulated ERPNext / Frappe HR site that answers as Frappe HR's source code does
// (docs/frappe-hr.md §2, §3, §5). Powers demo mode, tests and benchmarks.
import { CheckinStore } from './checkin';
import { FaultSwitches } from './faults';
import { defaultShiftTypes, defaultUsers, type ErpnextFaults, type ErpnextSimulatorOptions, type FrappeVersion } from './options';
import { buildServer, type ServerState } from './server';
import { Site, type Doc } from './site';
import { SystemClock } from './system-clock';

export type {
  ApiUser,
  CheckInOutRule,
  EmployeeSeed,
  EmployeeStatus,
  ErpnextFaults,
  ErpnextSimulatorOptions,
  FrappeRole,
  FrappeVersion,
  FrontAnswer,
  LostAnswer,
  ShiftLocation,
  ShiftTypeSeed,
} from './options';
export { DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_COMPANY, defaultUsers, defaultShiftTypes, seedEmployees, employeeName } from './options';
export { CHECKIN_METHOD, CHECKIN_METHOD_V13, CHECKIN_METHOD_V2 } from './methods';
export type { Doc as FrappeDoc } from './site';

export interface ErpnextSimulator {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly version: FrappeVersion;
  /** Test-only view of the stored Employee Checkin documents, in insertion order. */
  readonly checkins: readonly Doc[];
  readonly employees: readonly Doc[];
  readonly shiftTypes: readonly Doc[];
  /** Every HTTP request received, faulted ones included (test routes excluded). */
  readonly requestCount: number;
  /** Calls that reached add_log_based_on_employee_field, accepted or not. */
  readonly checkinCallCount: number;
  /** Requests the site-wide rate limiter (faults.siteRateLimit) answered with a 429. */
  readonly rateLimitedCount: number;
  setFaults(faults: ErpnextFaults): void;
  close(): Promise<void>;
}

export async function startErpnextSimulator(options: ErpnextSimulatorOptions = {}): Promise<ErpnextSimulator> {
  const clock = options.clock ?? (() => new Date());
  const systemClock = new SystemClock(options.timeZone ?? 'UTC', clock);
  const version = options.version ?? 15;
  // auto_update_last_sync exists from hrms PR #2513 (2025) on: v15 mode has it, default off.
  const shiftTypes = (options.shiftTypes ?? defaultShiftTypes()).map((seed) => (version >= 15 ? { auto_update_last_sync: 0 as const, ...seed } : seed));
  const site = new Site(systemClock, options.users ?? defaultUsers(), options.employees ?? 10, shiftTypes);
  const store = new CheckinStore();
  const faults = new FaultSwitches(options.faults ?? {}, options.seed ?? 1, Date.now);
  const state: ServerState = {
    site,
    store,
    faults,
    settings: {
      version,
      geolocationRequired: options.geolocationRequired ?? false,
      tracebacks: options.tracebacks ?? true,
      exposeTestRoutes: options.exposeTestRoutes ?? false,
    },
    requestCount: 0,
    rateLimitedCount: 0,
  };
  const app = buildServer(state);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    version,
    checkins: store.checkins,
    employees: site.employees,
    shiftTypes: site.shiftTypes,
    get requestCount() {
      return state.requestCount;
    },
    get checkinCallCount() {
      return store.callCount;
    },
    get rateLimitedCount() {
      return state.rateLimitedCount;
    },
    setFaults: (next) => faults.set(next),
    close: () => app.close(),
  };
}
