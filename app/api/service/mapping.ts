// Device user ids that match no employee: mapped here or in ERPNext, then their held punches go
// back to the queue (docs/ARCHITECTURE.md, punch states). Links made in ERPNext are recorded here
// as well, so that a wrong choice can be seen and undone.
import type { ErpnextClient } from '../../erpnext';
import type { ApiError, EmployeeSummary, PunchbridgeApi, Result } from '../contract';
import type { ServiceContext } from './context';

type MappingMethods = Pick<PunchbridgeApi, 'listUnmatchedUsers' | 'mapUsers' | 'unmapUser' | 'listMappings'>;

export function mappingMethods(context: ServiceContext): MappingMethods {
  const { journal } = context;
  return {
    async listUnmatchedUsers() {
      return journal.listUnmatchedUsers();
    },
    async mapUsers({ mappings, writeToErpnext }) {
      const failures: { userId: string; error: ApiError }[] = [];
      let mapped = 0;
      let requeued = 0;
      const client = writeToErpnext ? context.erpnext() : null;
      if (client && !client.ok) return client;
      for (const mapping of mappings) {
        const deviceId = mapping.deviceId ?? null;
        // The employee's name for the Linked list, and (when writing) the Attendance Device ID it replaces.
        const before = await employeeNamed(context, mapping.employee);
        if (client?.ok) {
          // ERPNext then matches the device user id itself: no local mapping is needed.
          const written = await client.value.setAttendanceDeviceId(mapping.employee, mapping.userId);
          if (!written.ok) {
            failures.push({ userId: mapping.userId, error: written.error });
            continue;
          }
          const previousDeviceId = before?.attendanceDeviceId ?? null;
          journal.setMapping({ userId: mapping.userId, deviceId, employee: mapping.employee, employeeName: written.value.employeeName || (before?.employeeName ?? null), erpnext: { previousDeviceId } });
        } else {
          journal.setMapping({ userId: mapping.userId, deviceId, employee: mapping.employee, employeeName: before?.employeeName ?? null });
        }
        mapped++;
        requeued += journal.requeueUser(mapping.userId, deviceId);
      }
      context.log.info(`Linked ${mapped} device users to employees${writeToErpnext ? ' in ERPNext' : ''}; ${requeued} held punches back in the queue`);
      context.announceStatus();
      return { ok: true, value: { mapped, requeued, failures } };
    },
    async unmapUser({ userId, deviceId }) {
      const link = journal.erpnextLinkOf(userId, deviceId ?? null);
      if (link) {
        const undone = await undoErpnextLink(context, userId, link.employee, link.previousDeviceId);
        if (!undone.ok) return undone;
      }
      const removed = journal.removeMapping(userId, deviceId ?? null);
      context.announceStatus();
      return { ok: true, value: { removed } };
    },
    async listMappings() {
      return journal.listMappings();
    },
  };
}

/** The employee as ERPNext has it now; null when ERPNext cannot be asked (the name is then left out). */
async function employeeNamed(context: ServiceContext, employee: string): Promise<EmployeeSummary | null> {
  const client = context.erpnext();
  if (!client.ok) return null;
  return findEmployee(client.value, employee);
}

async function findEmployee(client: ErpnextClient, employee: string): Promise<EmployeeSummary | null> {
  const found = await client.searchEmployees(employee, 5);
  return found.ok ? (found.value.find((candidate) => candidate.name === employee) ?? null) : null;
}

/**
 * Puts back the Attendance Device ID the link replaced, but only while ERPNext still holds the one
 * Punchbridge wrote: someone may have changed it there since, and that change is theirs to keep.
 */
async function undoErpnextLink(context: ServiceContext, userId: string, employee: string, previousDeviceId: string | null): Promise<Result<null>> {
  const client = context.erpnext();
  if (!client.ok) return client;
  const now = await findEmployee(client.value, employee);
  if (now && now.attendanceDeviceId !== userId) {
    return {
      ok: false,
      error: {
        code: 'mapping-changed-in-erpnext',
        message: `${employee}'s Attendance Device ID in ERPNext is now ${now.attendanceDeviceId ?? 'empty'}, not ${userId}: someone changed it there after the link was made.`,
        action: `Change it in ERPNext on the Employee form of ${employee}; Punchbridge leaves it alone.`,
      },
    };
  }
  const restored = await client.value.setAttendanceDeviceId(employee, previousDeviceId ?? '');
  if (!restored.ok) return restored;
  context.log.info(`Unlinked device user ${userId} from ${employee} in ERPNext; its Attendance Device ID is ${previousDeviceId ?? 'empty'} again`);
  return { ok: true, value: null };
}
