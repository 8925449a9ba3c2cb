// What the tray shows for a status: pure, so every state is tested without Electron.
import { format } from 'date-fns';
import { syncingNowText, type AppStatus } from '../app/api/contract';

export const TRAY_STATES = ['idle', 'syncing', 'attention', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/**
 * Syncing shows while a run is on; a failed last run, or a push stop that lasts until a person lifts
 * it, outranks things that merely need a look.
 */
export function trayStateFor(status: AppStatus): TrayState {
  if (status.running) return 'syncing';
  if (status.lastRun?.outcome === 'failed' || isStopped(status)) return 'error';
  if (needsAttention(status)) return 'attention';
  return 'idle';
}

function needsAttention(status: AppStatus): boolean {
  return (
    status.attention.length > 0 ||
    status.unmatchedUsers > 0 ||
    status.counts.rejected > 0 ||
    status.lastRun?.outcome === 'partial' ||
    !status.erpnextConfigured ||
    !status.devicesConfigured
  );
}

function isStopped(status: AppStatus): boolean {
  return status.pushStop !== null && status.pushStop.liftedAt === null;
}

function clock(isoTime: string, now: Date): string {
  const time = new Date(isoTime);
  return format(time, time.toDateString() === now.toDateString() ? 'HH:mm' : 'd MMM HH:mm');
}

const OUTCOME_WORDS = { ok: 'all sent', partial: 'some punches held', failed: 'failed' } as const;

/** e.g. "Punchbridge · Last sync 09:12, all sent · Next 09:27". */
export function trayTooltip(status: AppStatus, now = new Date()): string {
  const parts = ['Punchbridge'];
  if (isStopped(status)) parts.push('Pushing stopped: ERPNext replaced punch times');
  if (status.running) parts.push(syncingNowText(status.progress));
  else if (status.lastRun) parts.push(`Last sync ${clock(status.lastRun.finishedAt, now)}, ${OUTCOME_WORDS[status.lastRun.outcome]}`);
  else parts.push('Not synced yet');
  // The schedule ticks on a fresh install too, but a sync with no device does nothing.
  if (!status.devicesConfigured) parts.push('Nothing to sync yet: add a device');
  else if (status.paused) parts.push('Schedule paused');
  else if (status.nextRunAt) parts.push(`Next ${clock(status.nextRunAt, now)}`);
  if (status.unmatchedUsers > 0) parts.push(`${status.unmatchedUsers} unknown user${status.unmatchedUsers === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export interface TrayActions {
  syncNow(): void;
  openWindow(): void;
  setPaused(paused: boolean): void;
  quit(): void;
  /** Quit and install the downloaded update. */
  installUpdate(): void;
}

export interface TrayMenuItem {
  label?: string;
  type?: 'separator';
  enabled?: boolean;
  click?: () => void;
}

/** updateVersion: a downloaded update waiting for a restart, if any. */
export function trayMenuTemplate(status: AppStatus, actions: TrayActions, updateVersion: string | null = null): TrayMenuItem[] {
  const update: TrayMenuItem[] = updateVersion ? [{ label: `Restart to update to ${updateVersion}`, click: () => actions.installUpdate() }, { type: 'separator' }] : [];
  return [
    ...update,
    { label: status.running ? 'Syncing…' : 'Sync now', enabled: !status.running, click: () => actions.syncNow() },
    { label: 'Open Punchbridge', click: () => actions.openWindow() },
    { type: 'separator' },
    status.paused
      ? { label: 'Resume schedule', click: () => actions.setPaused(false) }
      : { label: 'Pause schedule', click: () => actions.setPaused(true) },
    { type: 'separator' },
    { label: 'Quit Punchbridge', click: () => actions.quit() },
  ];
}
