// Whitelisted methods: /api/method/<dotted.path> and, in Frappe v15 mode, /api/v2/method/...
// (frappe/handler.py execute_cmd; frappe/api/v2.py handle_rpc_call).
import { addLogBasedOnEmployeeField, declaredCheckinArguments, type CheckinStore } from './checkin';
import { permissionThrown, unhandledError, validationError, doesNotExist } from './frappe-errors';
import type { FrappeFailure } from './frappe-failure';
import type { FrappeVersion } from './options';
import { GUEST, permissions, type Site, type SiteUser } from './site';

export const CHECKIN_METHOD_V13 = 'erpnext.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field';
export const CHECKIN_METHOD = 'hrms.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field';
/** frappe/api/v2.py resolves `<DocType>/<method>` to the doctype's controller module. */
export const CHECKIN_METHOD_V2 = 'Employee Checkin/add_log_based_on_employee_field';

export interface MethodCall {
  site: Site;
  store: CheckinStore;
  version: FrappeVersion;
  geolocationRequired: boolean;
  user: SiteUser;
  formDict: Record<string, unknown>;
  siteUrl: string;
}

/** `extra` holds keys answered beside the value, such as v2's `has_next_page`. */
/** `commit`, when present, is the request's transaction still to be committed before answering. */
export type Answer = { ok: true; value: unknown; extra?: Record<string, unknown>; commit?: () => void } | { ok: false; failure: FrappeFailure };

type Method = { allowGuest: boolean; run: (call: MethodCall) => Answer };

export function callMethod(call: MethodCall, command: string): Answer {
  const method = resolveMethod(call.version, command);
  if (!method.ok) return method;
  if (!method.value.allowGuest && call.user === GUEST) return { ok: false, failure: permissionThrown('Not permitted') };
  return method.value.run(call);
}

export function isCheckinCommand(version: FrappeVersion, command: string): boolean {
  return command === checkinCommand(version) || (version >= 15 && command === CHECKIN_METHOD_V2);
}

function checkinCommand(version: FrappeVersion): string {
  return version >= 14 ? CHECKIN_METHOD : CHECKIN_METHOD_V13;
}

function resolveMethod(version: FrappeVersion, command: string): { ok: true; value: Method } | { ok: false; failure: FrappeFailure } {
  if (isCheckinCommand(version, command)) return { ok: true, value: { allowGuest: false, run: runCheckin } };
  const method = METHODS[command];
  if (method) return { ok: true, value: method };
  return { ok: false, failure: methodNotFound(version, command) };
}

const METHODS: Record<string, Method> = {
  ping: { allowGuest: true, run: () => ({ ok: true, value: 'pong' }) },
  'frappe.auth.get_logged_user': { allowGuest: false, run: (call) => ({ ok: true, value: call.user.user }) },
  'frappe.client.get_single_value': { allowGuest: false, run: getSingleValue },
  'frappe.core.doctype.user.user.get_roles': { allowGuest: false, run: getRoles },
};

/**
 * frappe/core/doctype/user/user.py get_roles: the roles of `uid` (default: the caller), plus the
 * automatic "All" and "Guest" every logged-in user has. Only the caller's own roles are simulated.
 */
function getRoles(call: MethodCall): Answer {
  const uid = call.formDict.uid ?? call.user.user;
  const roles = uid === call.user.user ? [...call.user.roles] : [];
  return { ok: true, value: [...roles, 'All', 'Guest'] };
}

function runCheckin(call: MethodCall): Answer {
  call.store.callCount += 1;
  const outcome = addLogBasedOnEmployeeField(call, declaredCheckinArguments(call.version, call.formDict));
  return outcome.ok ? { ok: true, value: outcome.doc, commit: outcome.commit } : outcome;
}

/** frappe/client.py get_single_value: only System Settings is simulated (its time_zone, §3.8). */
function getSingleValue(call: MethodCall): Answer {
  const { doctype, field } = call.formDict;
  const missing = ['doctype', 'field'].filter((name) => call.formDict[name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((name) => `'${name}'`).join(' and ');
    const count = missing.length === 1 ? '1 required positional argument' : '2 required positional arguments';
    return { ok: false, failure: unhandledError('TypeError', 'TypeError', `get_single_value() missing ${count}: ${names}`) };
  }
  if (doctype !== 'System Settings') return { ok: false, failure: doesNotExist('DocType', String(doctype)) };
  if (!permissions.readSystemSettings(call.user)) return { ok: false, failure: permissionThrown('No permission for System Settings') };
  return { ok: true, value: field === 'time_zone' ? call.site.clock.timeZone : null };
}

/**
 * execute_cmd wraps get_attr's error: "App x is not installed" (itself a thrown message) for an app
 * the site lacks, else the ModuleNotFoundError; ERPNext v14 moved HR out, so `erpnext.hr` is gone.
 */
function methodNotFound(version: FrappeVersion, command: string): FrappeFailure {
  const app = command.split('.')[0] ?? command;
  const installed = version >= 14 ? ['frappe', 'erpnext', 'hrms'] : ['frappe', 'erpnext'];
  const modulePath = command.split('.').slice(0, -1).join('.');
  let reason: string;
  let appMessage: string | undefined;
  if (!installed.includes(app)) {
    reason = appMessage = `App ${app} is not installed`;
  } else {
    reason = `No module named '${command.startsWith('erpnext.hr.') && version >= 14 ? 'erpnext.hr' : modulePath}'`;
  }
  const failure = validationError(`Failed to get method for command ${command} with ${reason}`);
  if (appMessage) failure.messages.unshift({ message: appMessage, raised: true });
  return failure;
}
