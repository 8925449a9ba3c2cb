// A PC that slept through the schedule syncs when it wakes or is unlocked (mattermost's
// performanceMonitor listens to the same pair). The service decides whether a run is due.

export interface PowerEvents {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

export interface WakeAware {
  onWake?(): void;
}

export function syncOnWake(power: PowerEvents, service: WakeAware): void {
  const wake = () => service.onWake?.();
  power.on('resume', wake);
  power.on('unlock-screen', wake);
}
