// What a simulated ERPNext / Frappe HR site is made of: version, API users, employees, shift types,
// settings and fault switches. Field names of seeds are Frappe's own (snake_case) so that a seed
// reads like the document it becomes.
import type { SiteRateLimit } from './site-rate-limit';

export type FrappeVersion = 13 | 14 | 15;

export type EmployeeStatus = 'Active' | 'Inactive' | 'Suspended' | 'Left';

/** Roles that matter to the simulated permissions (docs/frappe-hr.md §2.2, §2.4, §3.8). */
export type FrappeRole = 'System Manager' | 'HR Manager' | 'HR User' | 'Employee';

export interface ApiUser {
  apiKey: string;
  apiSecret: string;
  /** The Frappe user id returned by frappe.auth.get_logged_user; default `<apiKey>@example.com`. */
  user?: string;
  roles: FrappeRole[];
  /** The user's language: Frappe translates every message through it (docs/frappe-hr.md §0.4). */
  language?: 'en' | 'ar';
  /**
   * User Permissions on Employee: when set, the user may create checkins only for these employees
   * and sees only them (frappe/permissions.py has_user_permission checks the checkin's Employee link).
   */
  allowedEmployees?: string[];
  /**
   * The site's Role Permission Manager took permlevel-1 write on Employee Checkin from this user's
   * roles: it reads every checkin as its roles allow, and each one it creates gets the time trap.
   */
  noTimeWrite?: boolean;
}

export interface EmployeeSeed {
  /** Default `HR-EMP-NNNNN`, numbered by position. */
  name?: string;
  employee_name?: string;
  attendance_device_id?: string | null;
  status?: EmployeeStatus;
  company?: string;
  department?: string | null;
  designation?: string | null;
  branch?: string | null;
  employee_number?: string | null;
  /** The Frappe user linked to the employee; an Employee-role user sees only its own record. */
  user_id?: string | null;
  /** Shift Type used by fetch_shift when the checkin has no Shift Assignment. */
  default_shift?: string | null;
}

export type CheckInOutRule = 'Alternating entries as IN and OUT during the same shift' | 'Strictly based on Log Type in Employee Checkin';

export interface ShiftLocation {
  latitude: number;
  longitude: number;
  radiusMeters: number;
}

export interface ShiftTypeSeed {
  name: string;
  /** `HH:MM:SS` */
  start_time?: string;
  end_time?: string;
  determine_check_in_and_check_out?: CheckInOutRule;
  begin_check_in_before_shift_start_time?: number;
  allow_check_out_after_shift_end_time?: number;
  enable_auto_attendance?: 0 | 1;
  last_sync_of_checkin?: string | null;
  /** hrms PR #2513: the server updates last_sync_of_checkin itself (docs/frappe-hr.md §1.8). */
  auto_update_last_sync?: 0 | 1;
  /** Where checkins of this shift must happen when geolocation is required (HRMS v15+). */
  location?: ShiftLocation;
}

export interface ErpnextFaults {
  /** Delay before every answer. */
  latencyMs?: number;
  /** Share (0..1) of requests answered with a 500; deterministic for a given seed. */
  failureRate?: number;
  /** Answer 429 with Retry-After once `requests` have arrived within the current window. */
  rateLimit?: { requests: number; windowMs: number } | null;
  /**
   * Frappe's own site-wide limiter (site_config `rate_limit`): processing seconds per fixed window
   * for the whole site, X-RateLimit-* headers on every answer, 429 once the budget is spent.
   */
  siteRateLimit?: SiteRateLimit | null;
  /** Answer 503 "Updating" pages, as Frappe does during `bench update`. */
  maintenance?: boolean;
  /** Never answer; the socket stays open until close(). */
  hang?: boolean;
  /** Destroy the socket as soon as a request arrives. */
  dropConnections?: boolean;
  /**
   * "Commit late": this share (0..1) of accepted checkins commits only after `delayMs` (a queue on
   * the naming-series lock, a slow disk). HRMS's duplicate check is a plain `exists` in validate with
   * no unique index, so until the commit a second request for the same punch passes it too.
   */
  slowCommits?: { share: number; delayMs: number } | null;
  /**
   * bench's gunicorn `--timeout` (120 s): a request still running then is killed, its transaction
   * rolled back, and the proxy in front answers 502.
   */
  workerTimeoutMs?: number;
  /**
   * "Commit, then drop the answer": this share (0..1) of committed checkins never gets its answer
   * back; with `first`, only that many answers are lost, the rest come back (one lost answer among
   * time-trapped saves, say).
   */
  lostAnswers?: { share: number; as: LostAnswer; first?: number } | null;
  /** Something in front of Frappe answers every request itself: a redirect, a proxy, a firewall. */
  frontAnswer?: FrontAnswer | null;
}

/**
 * How an answer is lost after the commit: the client's patience runs out (`timeout`), the
 * connection is reset, or the proxy answers 502 / 504 with its own page.
 */
export type LostAnswer = 'timeout' | 'reset' | 'bad-gateway' | 'gateway-timeout';

/** A redirect (301/308 with `location`), a 408, or a proxy's or firewall's own page (`html`). */
export interface FrontAnswer {
  status: number;
  location?: string;
  html?: string;
}

/** bench's default gunicorn worker timeout. */
export const BENCH_WORKER_TIMEOUT_MS = 120_000;

export interface ErpnextSimulatorOptions {
  host?: string;
  port?: number;
  version?: FrappeVersion;
  users?: ApiUser[];
  /** A count seeds `HR-EMP-00001`.. with device ids "1".."N", all Active; or explicit seeds. */
  employees?: number | EmployeeSeed[];
  shiftTypes?: ShiftTypeSeed[];
  /** System Settings time_zone: the zone of every naive datetime the site stores. */
  timeZone?: string;
  /** HR Settings allow_geolocation_tracking (HRMS v15+ behaviour). */
  geolocationRequired?: boolean;
  /** System Settings allow_error_traceback: adds `exception` and `exc` to error bodies. */
  tracebacks?: boolean;
  /** Seed of the failureRate draw. */
  seed?: number;
  /** Serves GET /__sim/checkins for tests. */
  exposeTestRoutes?: boolean;
  /** The server's clock; tests pin it. */
  clock?: () => Date;
  faults?: ErpnextFaults;
}

export const DEFAULT_API_KEY = 'punchbridge-sim-key';
export const DEFAULT_API_SECRET = 'punchbridge-sim-secret';
export const DEFAULT_COMPANY = 'Punchbridge Demo Ltd';

export function defaultUsers(): ApiUser[] {
  return [{ apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, user: 'sync@example.com', roles: ['HR Manager', 'System Manager'] }];
}

/** N Active employees `HR-EMP-00001`.. with attendance device ids "1".."N". */
export function seedEmployees(count: number): EmployeeSeed[] {
  return Array.from({ length: count }, (_, index) => ({
    name: employeeName(index + 1),
    employee_name: `Employee ${index + 1}`,
    attendance_device_id: String(index + 1),
    status: 'Active' as const,
  }));
}

export function employeeName(number: number): string {
  return `HR-EMP-${String(number).padStart(5, '0')}`;
}

export function defaultShiftTypes(): ShiftTypeSeed[] {
  return [{ name: 'Day Shift', start_time: '09:00:00', end_time: '17:00:00' }];
}
