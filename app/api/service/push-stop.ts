// Lifting the time trap's stop once the person has fixed
// the API user's role (docs/frappe-hr.md §0.5).
import type { PunchbridgeApi } from '../contract';
import type { ServiceContext } from './context';

export function pushStopMethods(context: ServiceContext): Pick<PunchbridgeApi, 'liftPushStop'> {
  return {
    async liftPushStop() {
      const lifted = context.journal.liftPushStop();
      if (lifted) {
        context.log.info('Push stop lifted: the next push is one punch, checked, before the rest');
        context.announceStatus();
      }
      return { ok: true, value: { lifted } };
    },
  };
}
