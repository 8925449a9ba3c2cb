// Device user ids that match no employee: mapped here or in ERPNext, then their held punches go
// back to the queue (DESIGN.md, punch states).
import type { PunchbridgeApi } from '../contract';
import type { ServiceContext } from './context';

type MappingMethods = Pick<PunchbridgeApi, 'listUnmatchedUsers' | 'mapUsers' | 'unmapUser' | 'listMappings'>;

export function mappingMethods(context: ServiceContext): MappingMethods {
  const { journal } = context;
  return {
    async listUnmatchedUsers() {
      return journal.listUnmatchedUsers();
    },
    async mapUsers({ mappings, writeToErpnext }) {
      const failures: { userId: string; error: import('../contract').ApiError }[] = [];
      let mapped = 0;
      let requeued = 0;
      const client = writeToErpnext ? context.erpnext() : null;
      if (client && !client.ok) return client;
      for (const mapping of mappings) {
        const deviceId = mapping.deviceId ?? null;
        if (client?.ok) {
          // ERPNext then matches the device user id itself: no local mapping is needed.
          const written = await client.value.setAttendanceDeviceId(mapping.employee, mapping.userId);
          if (!written.ok) {
            failures.push({ userId: mapping.userId, error: written.error });
            continue;
          }
        } else {
          journal.setMapping({ userId: mapping.userId, deviceId, employee: mapping.employee, employeeName: null });
        }
        mapped++;
        requeued += journal.requeueUser(mapping.userId, deviceId);
      }
      context.log.info(`Mapped ${mapped} device users${writeToErpnext ? ' in ERPNext' : ''}; ${requeued} held punches back in the queue`);
      context.announceStatus();
      return { ok: true, value: { mapped, requeued, failures } };
    },
    async unmapUser({ userId, deviceId }) {
      const removed = journal.removeMapping(userId, deviceId ?? null);
      context.announceStatus();
      return { ok: true, value: { removed } };
    },
    async listMappings() {
      return journal.listMappings();
    },
  };
}
