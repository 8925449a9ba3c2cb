// The one-glance state the dashboard and the tray show.
import { isConfigurationError } from '../../sync';
import { ERPNEXT_API_SECRET } from '../../settings';
import type { ApiError, AppStatus } from '../contract';
import type { ServiceContext } from './context';

export function readStatus(context: ServiceContext): AppStatus {
  const { journal, settings, engine, scheduler } = context;
  const lastRun = journal.listRuns(1)[0] ?? null;
  const counts = journal.countByState();
  const unmatchedUsers = journal.listUnmatchedUsers().length;
  const devices = journal.listDevices();
  const schedule = scheduler.state();
  const attention: ApiError[] = [...settings.problems()];
  for (const error of lastRun?.errors ?? []) if (isConfigurationError(error)) attention.push(error);
  for (const device of devices) {
    if (device.enabled && device.lastError) attention.push({ ...device.lastError, message: `${device.name}: ${device.lastError.message}` });
  }
  if (unmatchedUsers > 0) {
    attention.push({
      code: 'unmatched-users',
      message: `${plural(unmatchedUsers, 'device user')} match no employee; their punches are held.`,
      action: 'Open Employee mapping and choose the employee for each.',
    });
  }
  if (counts.rejected > 0) {
    attention.push({
      code: 'rejected-punches',
      message: `ERPNext refused ${plural(counts.rejected, 'punch', 'punches')}.`,
      action: 'Open the refused punches: they are grouped by what ERPNext said, with what to change before sending them again.',
    });
  }
  return {
    running: engine.isRunning(),
    progress: engine.progress(),
    lastRun,
    paused: schedule.paused,
    nextRunAt: schedule.nextRunAt === null ? null : new Date(schedule.nextRunAt).toISOString(),
    counts,
    unmatchedUsers,
    erpnextConfigured: settings.getErpnext() !== null && context.secrets.get(ERPNEXT_API_SECRET) !== null,
    devicesConfigured: devices.length > 0,
    attention,
    mode: context.mode,
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
