// The one-glance state the dashboard and the tray show.
import { isConfigurationError, listShiftHolds, timeTrapStopError } from '../../sync';
import { ERPNEXT_API_SECRET } from '../../settings';
import type { ApiError, AppStatus } from '../contract';
import type { ServiceContext } from './context';
import { deviceSilenceNews } from './device-silence';

export function readStatus(context: ServiceContext): AppStatus {
  const { journal, settings, engine, scheduler } = context;
  const lastRun = journal.listRuns(1)[0] ?? null;
  const counts = journal.countByState();
  const unmatchedUsers = journal.listUnmatchedUsers().length;
  const devices = journal.listDevices();
  const schedule = scheduler.state();
  const attention: ApiError[] = [...settings.problems()];
  const stop = journal.getPushStop();
  // The stop stands until it is lifted, whatever the last run said; the dashboard shows it apart.
  const pushStop = stop ? { ...stop, error: timeTrapStopError(stop) } : null;
  for (const error of lastRun?.errors ?? []) if (isConfigurationError(error) && error.code !== 'erpnext-time-trap') attention.push(error);
  for (const device of devices) {
    if (device.enabled && device.lastError) attention.push({ ...device.lastError, message: `${device.name}: ${device.lastError.message}` });
  }
  attention.push(...deviceSilenceNews(context));
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
  for (const hold of listShiftHolds(journal, settings.getSyncSettings().shiftTypes)) {
    const { first } = hold;
    attention.push({
      code: 'shift-held-back',
      message:
        `Shift Type "${hold.shift}" cannot move past ${first.deviceTime}: ${plural(hold.count, 'punch', 'punches')} of its devices ${hold.count === 1 ? 'is' : 'are'} not in ERPNext yet, ` +
        `the first from user ${first.userId} on ${first.deviceName} (${first.state}).`,
      action: 'Auto attendance in ERPNext waits for them. On the Punches page map, retry or ignore them; ignored punches no longer hold the shift back.',
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
    pushStop,
    mode: context.mode,
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
