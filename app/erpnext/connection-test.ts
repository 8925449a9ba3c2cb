// The connection test: who we are on the site, which checkin path works, the server's time zone,
// and whatever would make pushes go wrong later, each in words a person can act on.
import type { ApiError, ErpnextTestResult, Result } from '../vocabulary';
import { detectCheckinEndpoint, type CheckinEndpoint } from './checkin-endpoint';
import { callFrappe } from './frappe-call';
import type { Transport } from './transport';

/** Whether the API user can set the permlevel-1 `time` field of Employee Checkin (docs/frappe-hr.md §0.5). */
export type TimeFieldAccess = 'writable' | 'reset-to-now' | 'unknown';

export interface ErpnextTestReport extends ErpnextTestResult {
  /** The endpoint pushes will use. */
  endpoint: CheckinEndpoint;
  timeFieldAccess: TimeFieldAccess;
}

export async function getLoggedUser(transport: Transport): Promise<Result<string>> {
  const called = await callFrappe(
    transport,
    { method: 'GET', path: '/api/method/frappe.auth.get_logged_user' },
    { doing: 'log in', whenForbidden: 'Check the API key and secret of the ERPNext user.' },
  );
  if (!called.ok) return called;
  const user = called.value.json?.message;
  if (typeof user === 'string' && user !== 'Guest') return { ok: true, value: user };
  return {
    ok: false,
    error: {
      code: 'erpnext-not-logged-in',
      message: `${transport.baseUrl} answered, but not as an ERPNext site that knows this API key.`,
      action: 'Check the ERPNext address and the API key and secret.',
    },
  };
}

/** System Settings `time_zone`; only a System Manager may read it (docs/frappe-hr.md §3.8). */
export async function getServerTimeZone(transport: Transport): Promise<Result<string>> {
  const called = await callFrappe(
    transport,
    { method: 'GET', path: '/api/method/frappe.client.get_single_value', query: { doctype: 'System Settings', field: 'time_zone' } },
    {
      doing: 'read the time zone in System Settings (only a System Manager may)',
      whenForbidden: 'Choose the ERPNext server\'s time zone in the ERPNext settings of Punchbridge (it is shown in ERPNext under System Settings).',
    },
  );
  if (!called.ok) return called;
  const zone = called.value.json?.message;
  if (typeof zone === 'string' && zone !== '') return { ok: true, value: zone };
  return {
    ok: false,
    error: {
      code: 'erpnext-no-time-zone',
      message: 'ERPNext has no time zone set in System Settings.',
      action: 'Set the time zone in ERPNext System Settings, or choose it in the ERPNext settings of Punchbridge.',
    },
  };
}

// Employee Checkin gives permlevel-1 write to these roles only (docs/frappe-hr.md §2.2).
const ROLES_THAT_SET_TIME = ['System Manager', 'HR Manager', 'HR User'];

/**
 * Ask for the API user's roles through `frappe.core.doctype.user.user.get_roles`, which Frappe
 * whitelists for every logged-in user and which writes nothing. Inserting a sample checkin would show
 * the trap for certain, but would leave a checkin behind in the company's attendance. Custom role
 * permissions can differ from the standard ones, so the push still checks every returned time.
 */
export async function checkTimeFieldAccess(transport: Transport, user: string): Promise<TimeFieldAccess> {
  if (user === 'Administrator') return 'writable';
  const called = await callFrappe(
    transport,
    { method: 'GET', path: '/api/method/frappe.core.doctype.user.user.get_roles', query: { uid: user } },
    { doing: 'read its own roles', whenForbidden: '' },
  );
  const roles = called.ok ? called.value.json?.message : undefined;
  if (!Array.isArray(roles)) return 'unknown';
  return roles.some((role) => typeof role === 'string' && ROLES_THAT_SET_TIME.includes(role)) ? 'writable' : 'reset-to-now';
}

export interface ConnectionTestContext {
  verifyTls: boolean;
  /** The server zone the person chose in settings, if any. */
  chosenTimeZone?: string | null;
}

export async function testConnection(transport: Transport, context: ConnectionTestContext): Promise<Result<ErpnextTestReport>> {
  const user = await getLoggedUser(transport);
  if (!user.ok) return user;
  const probe = await detectCheckinEndpoint(transport);
  if (!probe.ok) return probe;
  const problems: ApiError[] = [];
  if (!context.verifyTls) problems.push(tlsOffWarning(transport.baseUrl));
  const zone = await getServerTimeZone(transport);
  const chosen = context.chosenTimeZone ?? null;
  if (!zone.ok && !chosen) problems.push({ ...zone.error, code: 'erpnext-time-zone-unknown' });
  if (zone.ok && chosen && zone.value !== chosen) problems.push(timeZoneMismatch(chosen, zone.value));
  const timeFieldAccess = await checkTimeFieldAccess(transport, user.value);
  if (timeFieldAccess !== 'writable') problems.push(timeFieldProblem(user.value, timeFieldAccess));
  if (probe.value.answersInEnglish === false) problems.push(languageWarning(user.value));
  return {
    ok: true,
    value: {
      user: user.value,
      detectedPath: probe.value.endpoint.label,
      serverTimeZone: zone.ok ? zone.value : null,
      problems,
      endpoint: probe.value.endpoint,
      timeFieldAccess,
    },
  };
}

function tlsOffWarning(baseUrl: string): ApiError {
  return {
    code: 'erpnext-tls-off',
    message: `Certificate checking is off for ${baseUrl}: anyone between this PC and the site could read the API secret and change punches.`,
    action: 'Turn certificate checking back on; if the site uses its own certificate authority, choose its CA file instead.',
  };
}

function timeFieldProblem(user: string, access: TimeFieldAccess): ApiError {
  if (access === 'reset-to-now') {
    return {
      code: 'erpnext-time-trap-risk',
      message: `${user} has none of the roles HR User, HR Manager or System Manager, so ERPNext will save every checkin at the moment it arrives instead of the punch time.`,
      action: `In ERPNext give ${user} the HR User role (or HR Manager) before syncing.`,
    };
  }
  return {
    code: 'erpnext-time-trap-unknown',
    message: `Punchbridge could not read the roles of ${user}, so it cannot tell yet whether ERPNext will keep the punch times. The first push checks it and stops if times are replaced.`,
    action: `Make sure ${user} has the HR User or HR Manager role in ERPNext.`,
  };
}

function languageWarning(user: string): ApiError {
  return {
    code: 'erpnext-language',
    message: `ERPNext answers ${user} in a language other than English, so Punchbridge may not tell some refusals apart (duplicates, unknown employees).`,
    action: `In ERPNext set the Language of ${user} to English.`,
  };
}

function timeZoneMismatch(chosen: string, server: string): ApiError {
  return {
    code: 'erpnext-time-zone-mismatch',
    message: `The settings say the ERPNext server's time zone is ${chosen}, but ERPNext System Settings say ${server}: punch times would be shifted.`,
    action: `Choose ${server} as the server time zone in the ERPNext settings of Punchbridge.`,
  };
}
