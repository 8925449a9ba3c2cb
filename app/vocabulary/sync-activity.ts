// What a running sync is doing, in the words the dashboard, the navigation and the tray use.
import type { DevicePhase, RunProgress } from './runs';

const DEVICE_ACTIVITY: Partial<Record<DevicePhase, (device: string) => string>> = {
  connecting: (device) => `connecting to ${device}`,
  'reading-users': (device) => `reading the people on ${device}`,
  'reading-records': (device) => `reading punches from ${device}`,
  saving: (device) => `saving the punches from ${device}`,
  clearing: (device) => `clearing the log of ${device}`,
};

/**
 * "reading punches from Main gate", "reading 3 devices", "sending 15 of 40 punches to ERPNext";
 * null between the steps (devices read, nothing counted for sending yet).
 */
export function describeSyncActivity(progress: RunProgress): string | null {
  // Devices are read first (a few at a time), then the queue is pushed.
  const reading = progress.devices.filter((device) => DEVICE_ACTIVITY[device.phase] !== undefined);
  if (reading.length === 1) return DEVICE_ACTIVITY[reading[0]!.phase]!(reading[0]!.deviceName);
  if (reading.length > 1) return `reading ${reading.length} devices`;
  const { done, total } = progress.push;
  if (total > 0) return `sending ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${total === 1 ? 'punch' : 'punches'} to ERPNext`;
  return null;
}

/** "Syncing now: reading punches from Main gate", or "Syncing now…" when there is no more to say. */
export function syncingNowText(progress: RunProgress | null): string {
  const activity = progress ? describeSyncActivity(progress) : null;
  return activity ? `Syncing now: ${activity}` : 'Syncing now…';
}
