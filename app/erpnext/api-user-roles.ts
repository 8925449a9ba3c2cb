// Whether the API user holds a role that may create Employee Checkin at all: a 403 for one punch
// then means a User Permission on that punch's employee, not a missing role
// (docs/frappe-hr.md §2.2).
import { getLoggedUser } from './connection-test';
import { callFrappe } from './frappe-call';
import type { Transport } from './transport';

// Employee Checkin's create permission (docs/frappe-hr.md §2.2):
// Employee may create too, at level 0.
const ROLES_THAT_CREATE_CHECKINS = ['System Manager', 'HR Manager', 'HR User', 'Employee'];

/** null when the roles could not be read. */
export async function mayCreateCheckins(transport: Transport): Promise<boolean | null> {
  const user = await getLoggedUser(transport);
  if (!user.ok) return null;
  if (user.value === 'Administrator') return true;
  const called = await callFrappe(
    transport,
    { method: 'GET', path: '/api/method/frappe.core.doctype.user.user.get_roles', query: { uid: user.value } },
    { doing: 'read its own roles', whenForbidden: '' },
  );
  const roles = called.ok ? called.value.json?.message : undefined;
  if (!Array.isArray(roles)) return null;
  return roles.some((role) => typeof role === 'string' && ROLES_THAT_CREATE_CHECKINS.includes(role));
}
