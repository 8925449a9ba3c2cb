// One Punchbridge per user: two would sync the same devices into the same journal. A second
// launch (a double-click on the shortcut) shows the running one instead.

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/** False when another instance holds the lock: this one is quitting. */
export function claimSingleInstance(app: SingleInstanceApp, showRunningInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', showRunningInstance);
  return true;
}
