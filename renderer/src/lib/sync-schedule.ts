// When the next sync happens, in one sentence the navigation and the dashboard share.
import { syncingNowText, type AppStatus } from '../../../app/api/contract';
import { formatWallClock } from './format';

export type ScheduleStatus = Pick<AppStatus, 'running' | 'progress' | 'paused' | 'nextRunAt' | 'devicesConfigured' | 'erpnextConfigured'>;

export interface ScheduleText {
  text: string;
  tone: 'running' | 'paused' | 'quiet';
}

export function describeSchedule(status: ScheduleStatus): ScheduleText {
  // The scheduler plans no next run while one is under way: that is not "no sync scheduled".
  if (status.running) return { text: syncingNowText(status.progress), tone: 'running' };
  // The schedule ticks on a fresh install too, but a sync with no device does nothing.
  if (!status.devicesConfigured) return { text: 'Nothing to sync yet: add a device', tone: 'quiet' };
  if (status.paused) return { text: 'Automatic sync is paused', tone: 'paused' };
  if (!status.nextRunAt) return { text: 'No sync scheduled', tone: 'quiet' };
  const next = `Next sync ${formatWallClock(status.nextRunAt)}`;
  return { text: status.erpnextConfigured ? next : `${next}: reads the devices only, ERPNext is not connected`, tone: 'quiet' };
}
