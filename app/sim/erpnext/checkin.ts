// add_log_based_on_employee_field as HRMS / ERPNext run it (docs/frappe-hr.md §2.1): the function's
// own checks, then Document.insert(): check_permission("create") → validate_higher_perm_levels →
// the controller's validate (active employee, duplicate, fetch_shift, geolocation) → _validate
// (select options). Frappe runs `validate` before `_validate` (frappe/model/document.py insert),
// so a bad log_type is reported after the inactive / duplicate / shift checks.
import { doesNotExist, unhandledError, unknownColumn, userPermissionDenied, validationError, permissionDenied } from './frappe-errors';
import type { FrappeFailure } from './frappe-failure';
import type { FrappeVersion } from './options';
import { findShiftWindow, type ShiftWindow } from './shift-window';
import { isEmployeeField, permissions, type Doc, type Site, type SiteUser } from './site';
import { formatNaiveDateTime, parseNaiveDateTime, type NaiveDateTime } from './system-clock';
import { geolocationFailure } from './geolocation';

const REQUIRED = ['employee_field_value', 'timestamp'] as const;
const OPTIONAL = ['device_id', 'log_type', 'skip_auto_attendance', 'employee_fieldname'] as const;
/** HRMS builds from 2025 on declare latitude and longitude too (docs/frappe-hr.md §0.2). */
const LOCATION = ['latitude', 'longitude'] as const;
const LOG_TYPES = ['', 'IN', 'OUT'];

export interface CheckinContext {
  site: Site;
  store: CheckinStore;
  version: FrappeVersion;
  user: SiteUser;
  geolocationRequired: boolean;
  /** Base of the desk links Frappe puts into messages, e.g. http://127.0.0.1:8000. */
  siteUrl: string;
}

/** `commit` makes the new checkin visible; until then no other request sees it (there is no unique index). */
export type CheckinOutcome = { ok: true; doc: Doc; commit: () => void } | { ok: false; failure: FrappeFailure };

/** The function's declared parameters; Frappe's get_newargs drops every other key (docs/frappe-hr.md §3.2). */
export function declaredCheckinArguments(version: FrappeVersion, formDict: Record<string, unknown>): Record<string, unknown> {
  const names: readonly string[] = version >= 15 ? [...REQUIRED, ...OPTIONAL, ...LOCATION] : [...REQUIRED, ...OPTIONAL];
  const args: Record<string, unknown> = {};
  for (const name of names) if (name in formDict) args[name] = formDict[name];
  return args;
}

export function addLogBasedOnEmployeeField(context: CheckinContext, args: Record<string, unknown>): CheckinOutcome {
  const missing = REQUIRED.filter((name) => !(name in args));
  if (missing.length > 0) return fail(missingArguments(missing));
  if (isFalsy(args.employee_field_value) || isFalsy(args.timestamp)) {
    return fail(validationError("'employee_field_value' and 'timestamp' are required."));
  }
  const fieldname = isFalsy(args.employee_fieldname) ? 'attendance_device_id' : String(args.employee_fieldname);
  if (!isEmployeeField(fieldname)) return fail(unknownColumn(fieldname, 'where clause'));
  const value = String(args.employee_field_value);
  const employee = context.site.findEmployeeBy(fieldname, value);
  if (!employee) return fail(validationError(`No Employee found for the given employee field value. '${fieldname}': ${value}`));
  if (!permissions.createCheckin(context.user)) return fail(permissionDenied('Employee Checkin'));
  if (!permissions.linkEmployee(context.user, String(employee.name))) return fail(userPermissionDenied(String(employee.name)));
  return insertCheckin(context, employee, args);
}

function insertCheckin(context: CheckinContext, employee: Doc, args: Record<string, unknown>): CheckinOutcome {
  const { site, version } = context;
  const sentTime = String(args.timestamp);
  // validate_higher_perm_levels: `time` is permlevel 1; without write there it falls back to its
  // default, Now, silently (docs/frappe-hr.md §0.5).
  const timeText = permissions.setCheckinTime(context.user) ? sentTime : site.clock.now();
  let time = parseNaiveDateTime(timeText);
  if (version >= 14) {
    // before_validate: get_datetime(time).replace(microsecond=0)
    if (!time) return fail(unhandledError('ParserError', 'dateutil.parser._parser.ParserError', `Unknown string format: ${timeText}`));
    time = { ...time, micros: 0 };
  }
  const logType = args.log_type === undefined || args.log_type === null ? null : String(args.log_type);
  const validated = validateCheckin(context, employee, time, logType, args);
  if (!validated.ok) return validated;
  if (!time) {
    // v13 keeps the raw string until MariaDB refuses it on insert.
    return fail(unhandledError('DataError', 'pymysql.err.DataError', `(1292, "Incorrect datetime value: '${timeText}' for column 'time' at row 1")`));
  }
  const doc = context.store.insert(context, employee, { time, logType, window: validated.window, args });
  return { ok: true, doc, commit: () => context.store.commit(context.version, doc, time) };
}

function validateCheckin(
  context: CheckinContext,
  employee: Doc,
  time: NaiveDateTime | undefined,
  logType: string | null,
  args: Record<string, unknown>,
): { ok: true; window: ShiftWindow | undefined } | { ok: false; failure: FrappeFailure } {
  const { site, version, siteUrl } = context;
  const name = String(employee.name);
  if (employee.status === 'Inactive') {
    const link = `<a href="${siteUrl}/app/employee/${name}">${name}</a>`;
    const module = version >= 14 ? 'hrms.hr.utils' : 'erpnext.hr.utils';
    return fail(validationError(`Transactions cannot be created for an Inactive Employee ${link}.`, 'InactiveEmployeeStatusError', module));
  }
  if (time) {
    const existing = context.store.findDuplicate(version, name, time, logType);
    if (existing) {
      const link = `<a href="${siteUrl}/app/employee-checkin/${existing}" style="font-weight: bold;">Employee Checkin ${existing}</a>`;
      return fail(validationError(`This employee already has a log with the same timestamp.<Br>${link}`));
    }
  }
  const shiftType = employee.default_shift ? site.shiftType(String(employee.default_shift)) : undefined;
  // fetch_shift loads the employee's Shift Type with get_cached_doc: one deleted since raises
  // DoesNotExistError (404) from inside the method.
  if (employee.default_shift && !shiftType) return fail(doesNotExist('Shift Type', String(employee.default_shift)));
  const window = shiftType && time ? findShiftWindow(shiftType, time) : undefined;
  const skipAutoAttendance = cint(args.skip_auto_attendance) === 1;
  if (window && shiftType?.determine_check_in_and_check_out === 'Strictly based on Log Type in Employee Checkin' && !logType && !skipAutoAttendance) {
    return fail(validationError(`Log Type is required for check-ins falling in the shift: ${window.shift}.`));
  }
  if (context.geolocationRequired && version >= 15) {
    const failure = geolocationFailure(args.latitude, args.longitude, window && site.shiftLocations.get(window.shift));
    if (failure) return fail(failure);
  }
  if (logType !== null && !LOG_TYPES.includes(logType)) {
    const options = LOG_TYPES.join('", "');
    return fail(validationError(`Log Type cannot be "${logType}". It should be one of "${options}"`, 'ValidationError', 'frappe.exceptions', 'Invalid Option'));
  }
  return { ok: true, window };
}

interface NewCheckin {
  time: NaiveDateTime;
  logType: string | null;
  window: ShiftWindow | undefined;
  args: Record<string, unknown>;
}

/** Stored checkins with the duplicate index and the naming-series counters. */
export class CheckinStore {
  readonly checkins: Doc[] = [];
  /** Calls that reached the method, accepted or not. */
  callCount = 0;
  private readonly byDuplicateKey = new Map<string, string>();
  private readonly checkinByName = new Map<string, Doc>();
  private readonly seriesCounters = new Map<string, number>();

  byName(name: string): Doc | undefined {
    return this.checkinByName.get(name);
  }

  findDuplicate(version: FrappeVersion, employee: string, time: NaiveDateTime, logType: string | null): string | undefined {
    return this.byDuplicateKey.get(duplicateKey(version, employee, time, logType));
  }

  /** Builds the document as insert() does inside the request's transaction; commit() makes it visible. */
  insert(context: CheckinContext, employee: Doc, checkin: NewCheckin): Doc {
    const now = context.site.clock.now();
    const { args, window } = checkin;
    // as_dict(no_nulls=True): absent values are left out. Built field by field rather than
    // spread-and-delete so that 100,000 stored documents stay compact objects.
    const doc: Doc = { name: this.nextName(now), owner: context.user.user, creation: now, modified: now, modified_by: context.user.user };
    doc.docstatus = 0;
    doc.idx = 0;
    doc.employee = employee.name ?? null;
    doc.employee_name = employee.employee_name ?? null;
    if (checkin.logType !== null) doc.log_type = checkin.logType;
    if (window) doc.shift = window.shift;
    doc.time = formatNaiveDateTime(checkin.time);
    if (args.device_id !== undefined && args.device_id !== null) doc.device_id = String(args.device_id);
    doc.skip_auto_attendance = cint(args.skip_auto_attendance) === 1 ? 1 : 0;
    if (window) Object.assign(doc, window);
    if (context.version >= 15) {
      doc.latitude = flt(args.latitude);
      doc.longitude = flt(args.longitude);
      doc.offshift = employee.default_shift && !window ? 1 : 0;
    }
    doc.doctype = 'Employee Checkin';
    return doc;
  }

  commit(version: FrappeVersion, doc: Doc, time: NaiveDateTime): void {
    this.checkins.push(doc);
    this.checkinByName.set(String(doc.name), doc);
    const logType = doc.log_type === undefined ? null : String(doc.log_type);
    this.byDuplicateKey.set(duplicateKey(version, String(doc.employee), time, logType), String(doc.name));
  }

  /** Naming series `EMP-CKIN-.MM.-.YYYY.-.######`: month and year of the server's today. */
  private nextName(now: string): string {
    const prefix = `EMP-CKIN-${now.slice(5, 7)}-${now.slice(0, 4)}-`;
    const number = (this.seriesCounters.get(prefix) ?? 0) + 1;
    this.seriesCounters.set(prefix, number);
    return `${prefix}${String(number).padStart(6, '0')}`;
  }
}

/** v14+ HRMS: (employee, time, log_type), PR #621; v12/v13: (employee, time) (docs/frappe-hr.md §0.6). */
function duplicateKey(version: FrappeVersion, employee: string, time: NaiveDateTime, logType: string | null): string {
  const base = `${employee}\u0000${formatNaiveDateTime(time)}`;
  return version >= 14 ? `${base}\u0000${logType ?? ''}` : base;
}

function missingArguments(missing: readonly string[]): FrappeFailure {
  const names = missing.map((name) => `'${name}'`).join(' and ');
  const count = missing.length === 1 ? '1 required positional argument' : `${missing.length} required positional arguments`;
  return unhandledError('TypeError', 'TypeError', `add_log_based_on_employee_field() missing ${count}: ${names}`);
}

/** Python truthiness of a form value. */
function isFalsy(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === 0 || value === false;
}

function cint(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  const number = Number.parseInt(String(value ?? 0), 10);
  return Number.isNaN(number) ? 0 : number;
}

function flt(value: unknown): number {
  const number = Number.parseFloat(String(value ?? 0));
  return Number.isNaN(number) ? 0 : number;
}

function fail(failure: FrappeFailure): { ok: false; failure: FrappeFailure } {
  return { ok: false, failure };
}
