// Closing the window hides it: syncing goes on in the tray. The first time, a notice says so,
// or people think the app quit and wonder why punches still arrive (or fear they do not).
// Where no tray icon is shown, a hidden window could never be found again: it is minimised.

export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
  minimize(): void;
}

export interface CloseToTrayRules {
  /** The closeToTray preference. */
  closeToTray(): boolean;
  /** False where the desktop shows no tray icons (main/tray-availability.ts). */
  trayShown(): boolean;
  /** True once Quit was chosen: then closing really closes. */
  quitting(): boolean;
  noticeShown(): boolean;
  markNoticeShown(): void;
  /** Shows the notice; calls reportShown only if the operating system really showed it. */
  showNotice(reportShown: () => void): void;
}

export function keepRunningInTray(window: HideableWindow, rules: CloseToTrayRules): void {
  window.on('close', (event) => {
    if (rules.quitting() || !rules.closeToTray()) return;
    event.preventDefault();
    if (!rules.trayShown()) {
      window.minimize();
      return;
    }
    window.hide();
    if (!rules.noticeShown()) rules.showNotice(() => rules.markNoticeShown());
  });
}

export const TRAY_NOTICE = {
  title: 'Punchbridge is still running',
  body: 'It keeps syncing in the background. Open it again from the tray icon, or choose Quit there to stop it.',
};
