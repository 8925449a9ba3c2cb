// Employees onto the terminals from the app: preview, apply what the person approved,
// and the history of those changes.
import { userInfo } from 'node:os';
import { applyUserSync, previewUserSync } from '../../sync/device-users';
import { connectZk } from '../../zk';
import type { PunchbridgeApi } from '../contract';
import type { ServiceContext } from './context';

type DeviceUserMethods = Pick<PunchbridgeApi, 'previewDeviceUsers' | 'applyDeviceUsers' | 'listDeviceUserChanges'>;

/** Who asked, for History: the app, or the browser UI of a headless host, and the account it runs as. */
function requester(mode: ServiceContext['mode']): string {
  const surface = mode === 'headless' ? 'web interface' : mode === 'demo' ? 'demo' : 'desktop app';
  try {
    return `${surface} (${userInfo().username})`;
  } catch {
    return surface;
  }
}

export function deviceUserMethods(context: ServiceContext, lockFile: string): DeviceUserMethods {
  const sources = () => {
    const erpnext = context.erpnext();
    return erpnext.ok ? { ok: true as const, value: { journal: context.journal, secrets: context.secrets, erpnext: erpnext.value, connect: connectZk, lockFile } } : erpnext;
  };
  return {
    async previewDeviceUsers(input) {
      const opened = sources();
      return opened.ok ? previewUserSync(opened.value, input) : opened;
    },
    async applyDeviceUsers(input) {
      const opened = sources();
      if (!opened.ok) return opened;
      const applied = await applyUserSync(opened.value, input, requester(context.mode));
      if (applied.ok) {
        const done = applied.value.flatMap((device) => device.results).filter((result) => result.outcome === 'done').length;
        context.log.info(`Device users: ${done} of ${input.approved.length} approved change(s) done`);
      }
      return applied;
    },
    async listDeviceUserChanges(input) {
      return context.journal.listDeviceUserChanges(input?.limit ?? 200);
    },
  };
}
