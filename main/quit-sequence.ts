// Quitting: the service finishes what it is writing to the journal while the tray says so, but
// never for longer than QUIT_WAIT_LIMIT_MS (a device read on a slow terminal can take minutes,
// with no window left to explain the wait). The tray goes only after the service, which still
// reports status while it stops. A launch during that time is not lost: it starts once we exit.
import type { ApiError, PunchbridgeApi } from '../app/api/contract';

export interface QuitSteps {
  /** Stops the service: scheduler, receivers, the run in progress, the journal. */
  closeService(): Promise<void>;
  /** The tray shows that Punchbridge is finishing. */
  showFinishing(): void;
  destroyTray(): void;
  closeLogging(): void;
  /** app.quit(): emits will-quit again, which then lets the app go. */
  quit(): void;
  /** app.relaunch(): start again after this instance exits. */
  relaunch(): void;
  warn(message: string, error?: unknown): void;
  setTimer(callback: () => void, delayMs: number): () => void;
}

export const QUIT_WAIT_LIMIT_MS = 20_000;

export interface QuitSequence {
  /** True from the first quit request on: nothing new may start. */
  quitting(): boolean;
  /** before-quit. */
  begin(): void;
  /** will-quit: holds the quit until the service stopped (or the limit passed). */
  onWillQuit(event: { preventDefault(): void }): void;
  /** A second launch arrived: true if it was deferred because we are quitting. */
  deferLaunch(): boolean;
  /** Windows logoff or shutdown, where will-quit never comes: stop what can be stopped now. */
  onSessionEnd(): Promise<void>;
}

export function createQuitSequence(steps: QuitSteps): QuitSequence {
  let quitting = false;
  let stopping: Promise<void> | null = null;
  let stopped = false;
  let relaunchAsked = false;

  const stopService = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      let cancelLimit = () => {};
      const finish = () => {
        cancelLimit();
        resolve();
      };
      cancelLimit = steps.setTimer(() => {
        steps.warn(`The service did not stop within ${QUIT_WAIT_LIMIT_MS / 1000} s; quitting anyway (the journal keeps what was committed).`);
        finish();
      }, QUIT_WAIT_LIMIT_MS);
      steps
        .closeService()
        .catch((error: unknown) => steps.warn('Closing the service failed', error))
        .finally(finish);
    });
    return stopping;
  };

  return {
    quitting: () => quitting,
    begin: () => void (quitting = true),
    onWillQuit(event) {
      if (stopped) return;
      event.preventDefault();
      if (stopping) return;
      quitting = true;
      steps.showFinishing();
      void stopService().then(() => {
        stopped = true;
        steps.destroyTray();
        steps.closeLogging();
        if (relaunchAsked) steps.relaunch();
        steps.quit();
      });
    },
    deferLaunch() {
      if (!quitting) return false;
      relaunchAsked = true;
      return true;
    },
    async onSessionEnd() {
      quitting = true;
      await stopService();
      steps.closeLogging();
    },
  };
}

export const QUITTING: ApiError = {
  code: 'quitting',
  message: 'Punchbridge is quitting, so it starts no new sync.',
  action: 'Start Punchbridge again to sync.',
};

/** Sync now from the window or the tray does nothing once quitting has begun. */
export function withoutRunsWhileQuitting<Api extends PunchbridgeApi>(api: Api, quitting: () => boolean): Api {
  const wrapped = Object.create(api) as Api;
  wrapped.syncNow = async () => (quitting() ? { ok: false, error: QUITTING } : api.syncNow());
  return wrapped;
}
