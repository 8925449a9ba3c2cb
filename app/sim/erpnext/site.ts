// The simulated site's documents and who may touch them. Employees are indexed per looked-up field
// so that add_log_based_on_employee_field stays O(1) at 100,000 checkins.
import {
  DEFAULT_COMPANY,
  employeeName,
  seedEmployees,
  type ApiUser,
  type EmployeeSeed,
  type FrappeRole,
  type ShiftLocation,
  type ShiftTypeSeed,
} from './options';
import type { SystemClock } from './system-clock';
import type { MessageLanguage } from './translations';

export type FieldValue = string | number | null;
export type Doc = Record<string, FieldValue>;

export interface SiteUser {
  user: string;
  roles: ReadonlySet<FrappeRole>;
  language: MessageLanguage;
  /** User Permissions on Employee; null when the user has none. */
  allowedEmployees: ReadonlySet<string> | null;
  /** Permlevel-1 write on Employee Checkin taken from the user's roles (options.ts `noTimeWrite`). */
  noTimeWrite?: boolean;
}

export const GUEST: SiteUser = { user: 'Guest', roles: new Set(), language: 'en', allowedEmployees: null };

const HR_ROLES: FrappeRole[] = ['System Manager', 'HR Manager', 'HR User'];

/** Role permissions of the doctypes the simulator serves (docs/frappe-hr.md §2.2, §2.4, §3.8). */
export const permissions = {
  createCheckin: (user: SiteUser) => user.roles.has('Employee') || hasAny(user, HR_ROLES),
  /** Employee has permlevel-1 read only, so `time` is reset for it (docs/frappe-hr.md §0.5). */
  setCheckinTime: (user: SiteUser) => hasAny(user, HR_ROLES) && !user.noTimeWrite,
  readEmployees: (user: SiteUser) => user.roles.has('Employee') || hasAny(user, HR_ROLES),
  /** Without an HR role an Employee sees only the employee linked to its user (User Permission). */
  readAllEmployees: (user: SiteUser) => hasAny(user, HR_ROLES),
  writeEmployee: (user: SiteUser) => hasAny(user, HR_ROLES),
  readShiftTypes: (user: SiteUser) => user.roles.has('Employee') || hasAny(user, HR_ROLES),
  writeShiftType: (user: SiteUser) => hasAny(user, ['HR Manager', 'HR User']),
  readSystemSettings: (user: SiteUser) => user.roles.has('System Manager'),
  /** A User Permission on Employee limits every document that links an employee. */
  linkEmployee: (user: SiteUser, employee: string) => user.allowedEmployees === null || user.allowedEmployees.has(employee),
};

function hasAny(user: SiteUser, roles: FrappeRole[]): boolean {
  return roles.some((role) => user.roles.has(role));
}

export const EMPLOYEE_FIELDS = [
  'name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx', 'naming_series',
  'first_name', 'employee_name', 'employee_number', 'status', 'company', 'department', 'designation',
  'branch', 'attendance_device_id', 'user_id', 'default_shift',
] as const;

export const SHIFT_TYPE_FIELDS = [
  'name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx', 'start_time', 'end_time',
  'enable_auto_attendance', 'determine_check_in_and_check_out', 'begin_check_in_before_shift_start_time',
  'allow_check_out_after_shift_end_time', 'last_sync_of_checkin', 'auto_update_last_sync',
] as const;

export class Site {
  readonly employees: Doc[];
  readonly shiftTypes: Doc[];
  readonly shiftLocations = new Map<string, ShiftLocation>();
  private readonly users = new Map<string, { secret: string; user: SiteUser }>();
  private readonly employeeByName = new Map<string, Doc>();
  private readonly employeeIndexes = new Map<string, Map<string, Doc>>();

  constructor(
    readonly clock: SystemClock,
    users: ApiUser[],
    employees: number | EmployeeSeed[],
    shiftTypes: ShiftTypeSeed[],
  ) {
    for (const apiUser of users) {
      const user = {
        user: apiUser.user ?? `${apiUser.apiKey}@example.com`,
        roles: new Set(apiUser.roles),
        language: apiUser.language ?? 'en',
        allowedEmployees: apiUser.allowedEmployees ? new Set(apiUser.allowedEmployees) : null,
        noTimeWrite: apiUser.noTimeWrite ?? false,
      };
      this.users.set(apiUser.apiKey, { secret: apiUser.apiSecret, user });
    }
    const created = clock.now();
    const seeds = typeof employees === 'number' ? seedEmployees(employees) : employees;
    this.employees = seeds.map((seed, index) => employeeDoc(seed, index, created));
    for (const employee of this.employees) this.employeeByName.set(String(employee.name), employee);
    this.shiftTypes = shiftTypes.map((seed) => shiftTypeDoc(seed, created));
    for (const seed of shiftTypes) if (seed.location) this.shiftLocations.set(seed.name, seed.location);
  }

  authenticate(apiKey: string, apiSecret: string): SiteUser | undefined {
    const entry = this.users.get(apiKey);
    return entry && entry.secret === apiSecret ? entry.user : undefined;
  }

  employee(name: string): Doc | undefined {
    return this.employeeByName.get(name);
  }

  /** frappe.db.get_values("Employee", {field: value}): no status filter (docs/frappe-hr.md §2.1). */
  findEmployeeBy(field: string, value: string): Doc | undefined {
    if (field === 'name') return this.employeeByName.get(value);
    let index = this.employeeIndexes.get(field);
    if (!index) {
      index = new Map();
      for (const employee of this.employees) {
        const key = employee[field];
        if (key !== null && key !== undefined && !index.has(String(key))) index.set(String(key), employee);
      }
      this.employeeIndexes.set(field, index);
    }
    return index.get(value);
  }

  updateEmployee(employee: Doc, changes: Doc, modifiedBy: string): void {
    Object.assign(employee, changes, { modified: this.clock.now(), modified_by: modifiedBy });
    this.employeeIndexes.clear();
  }

  shiftType(name: string): Doc | undefined {
    return this.shiftTypes.find((shift) => shift.name === name);
  }
}

export function isEmployeeField(field: string): boolean {
  return (EMPLOYEE_FIELDS as readonly string[]).includes(field);
}

function employeeDoc(seed: EmployeeSeed, index: number, created: string): Doc {
  const name = seed.name ?? employeeName(index + 1);
  const employeeName_ = seed.employee_name ?? `Employee ${index + 1}`;
  return {
    ...seededDocumentFields(name, created),
    naming_series: 'HR-EMP-',
    first_name: employeeName_.split(' ')[0] ?? employeeName_,
    employee_name: employeeName_,
    employee_number: seed.employee_number ?? null,
    status: seed.status ?? 'Active',
    company: seed.company ?? DEFAULT_COMPANY,
    department: seed.department ?? null,
    designation: seed.designation ?? null,
    branch: seed.branch ?? null,
    attendance_device_id: seed.attendance_device_id === undefined ? String(index + 1) : seed.attendance_device_id,
    user_id: seed.user_id ?? null,
    default_shift: seed.default_shift ?? null,
    doctype: 'Employee',
  };
}

/** The fields Frappe gives every document, for one the site was seeded with by Administrator. */
function seededDocumentFields(name: string, created: string): Doc {
  return { name, owner: 'Administrator', creation: created, modified: created, modified_by: 'Administrator', docstatus: 0, idx: 0 };
}

function shiftTypeDoc(seed: ShiftTypeSeed, created: string): Doc {
  const doc: Doc = {
    ...seededDocumentFields(seed.name, created),
    start_time: seed.start_time ?? '09:00:00',
    end_time: seed.end_time ?? '17:00:00',
    enable_auto_attendance: seed.enable_auto_attendance ?? 1,
    determine_check_in_and_check_out: seed.determine_check_in_and_check_out ?? 'Alternating entries as IN and OUT during the same shift',
    begin_check_in_before_shift_start_time: seed.begin_check_in_before_shift_start_time ?? 60,
    allow_check_out_after_shift_end_time: seed.allow_check_out_after_shift_end_time ?? 60,
    last_sync_of_checkin: seed.last_sync_of_checkin ?? null,
    doctype: 'Shift Type',
  };
  if (seed.auto_update_last_sync !== undefined) doc.auto_update_last_sync = seed.auto_update_last_sync;
  return doc;
}
