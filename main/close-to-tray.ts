// Closing the window hides it: syncing goes on in the tray. The first time, a notice says so,
// or people think the app quit and wonder why punches still arrive (or fear they do not).

export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export interface CloseToTrayRules {
  /** The closeToTray preference. */
  closeToTray(): boolean;
  /** True once Quit was chosen: then closing really closes. */
  quitting(): boolean;
  noticeShown(): boolean;
  markNoticeShown(): void;
  showNotice(): void;
}

export function keepRunningInTray(window: HideableWindow, rules: CloseToTrayRules): void {
  window.on('close', (event) => {
    if (rules.quitting() || !rules.closeToTray()) return;
    event.preventDefault();
    window.hide();
    if (!rules.noticeShown()) {
      rules.showNotice();
      rules.markNoticeShown();
    }
  });
}

export const TRAY_NOTICE = {
  title: 'Punchbridge is still running',
  body: 'It keeps syncing in the background. Open it again from the tray icon, or choose Quit there to stop it.',
};
