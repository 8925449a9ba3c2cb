// A PC that slept through the schedule syncs when it wakes or is unlocked (mattermost's
// performanceMonitor listens to the same pair) — but only when a run is due, and only once the
// network is back: right after resume the Wi-Fi or VPN is still coming up, and a run then fails
// every device with "unreachable". An unlock an hour after the last run needs no run at all.

export interface PowerEvents {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

export interface WakeSyncDeps {
  power: PowerEvents;
  /** The scheduler's next run time (AppStatus.nextRunAt): null while paused or running. */
  nextRunAt(): Promise<string | null>;
  /** Electron's net.isOnline(): false is a strong sign that nothing can be reached yet. */
  isOnline(): boolean;
  runWakeSync(): void;
  /** True once the app is quitting: no new run then. */
  quitting(): boolean;
  now(): number;
  setTimer(callback: () => void, delayMs: number): () => void;
}

/** How often, and for how long, to look for the network after a wake before giving up until the next one. */
export const NETWORK_POLL_MS = 5_000;
export const NETWORK_WAIT_LIMIT_MS = 5 * 60_000;

export function syncOnWake(deps: WakeSyncDeps): void {
  let cancelWait: (() => void) | null = null;

  const runIfDue = async () => {
    const next = await deps.nextRunAt();
    if (deps.quitting() || next === null || Date.parse(next) > deps.now()) return;
    deps.runWakeSync();
  };

  const waitForNetwork = (since: number) => {
    cancelWait = null;
    if (deps.quitting()) return;
    if (deps.isOnline()) {
      void runIfDue();
      return;
    }
    if (deps.now() - since >= NETWORK_WAIT_LIMIT_MS) return;
    cancelWait = deps.setTimer(() => waitForNetwork(since), NETWORK_POLL_MS);
  };

  const wake = () => {
    // Resume and unlock often come together: one wait serves both.
    cancelWait?.();
    waitForNetwork(deps.now());
  };
  deps.power.on('resume', wake);
  deps.power.on('unlock-screen', wake);
}
