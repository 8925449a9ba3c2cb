// The Electron main process: wires the service to the window, the tray and the operating system.
// Every piece lives in its own module; this file only puts them together.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, Notification, powerMonitor, safeStorage } from 'electron';
import { defaultDataDir } from '../app/paths';
import { closeLogging, configureLogging, createLogger } from '../app/log';
import type { Preferences } from '../app/api/contract';
import type { PunchbridgeService } from '../app/api';
import { AppTray } from './app-tray';
import { signedRelease, startBackgroundUpdates, updatesOffBecause } from './app-updates';
import { keepRunningInTray, TRAY_NOTICE } from './close-to-tray';
import { createDesktopService } from './desktop-service';
import { DesktopNotifications } from './desktop-notifications';
import { EVENT_CHANNEL } from './ipc-channels';
import { ownWindowSenderCheck, registerApiHandlers } from './ipc-handlers';
import { createMainWindow, isAppUrl, type RendererLocation } from './main-window';
import { withPreferenceEffects } from './preference-effects';
import { createQuitSequence, withoutRunsWhileQuitting } from './quit-sequence';
import { notifyAboutRuns, type DesktopNotice } from './run-notifications';
import { chooseSecretStorage } from './secure-storage';
import { claimSingleInstance } from './single-instance';
import { applyStartAtLogin, HIDDEN_ARG, launchCommand, openedAtLogin } from './start-at-login';
import { startupFailure, startupFailureDialog } from './startup-failure';
import { shellState } from './shell-state';
import { trayIconsShown } from './tray-availability';
import { syncOnWake } from './wake-sync';

/**
 * electron-builder's appId, which the NSIS installer gives the Start menu shortcut: Windows shows
 * an app's toasts only when its AppUserModelID matches a shortcut's.
 */
export const APP_USER_MODEL_ID = 'app.punchbridge.desktop';

// One data folder for the desktop app and the `punchbridge` command (app/paths.ts).
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
configureLogging({ dataDir });
const log = createLogger('main');
// A promise nobody awaited must not become Electron's "A JavaScript error occurred" dialog.
process.on('unhandledRejection', (reason) => log.error('Unhandled rejection in the main process', reason));
if (process.platform === 'win32') app.setAppUserModelId(app.isPackaged ? APP_USER_MODEL_ID : process.execPath);

const builtDir = join(import.meta.dirname, '..');
const location: RendererLocation = {
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  indexFile: join(builtDir, 'renderer', 'index.html'),
};
const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets');

let window: BrowserWindow | null = null;
let service: PunchbridgeService | null = null;
let tray: AppTray | null = null;

const quit = createQuitSequence({
  closeService: async () => service?.close(),
  showFinishing: () => tray?.showFinishing(),
  destroyTray: () => tray?.destroy(),
  closeLogging,
  quit: () => app.quit(),
  // The launch that came in was a person's, not the login item's: the new instance opens its window.
  relaunch: () => app.relaunch({ args: process.argv.slice(1).filter((arg) => arg !== HIDDEN_ARG) }),
  warn: (message, error) => log.warn(message, error),
  setTimer: timer,
});

function timer(callback: () => void, delayMs: number): () => void {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
}

function showWindow(): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

const notifications = new DesktopNotifications(
  (notice) =>
    Notification.isSupported() ? new Notification({ title: notice.title, body: notice.body, icon: join(assetsDir, 'icon.png') }) : null,
  showWindow,
);
const notify = (notice: DesktopNotice, onShown?: () => void) => notifications.show(notice, onShown);

function applyStartAtLoginSafely(enabled: boolean): void {
  try {
    applyStartAtLogin(enabled, { platform: process.platform, app, command: launchCommand(app, process.env.APPIMAGE ?? process.execPath) });
  } catch (error) {
    // The preference is saved; only the login item could not be written (a read-only autostart folder...).
    log.error('Start at login could not be set up', error);
    notify({ title: 'Punchbridge: start at login not set up', body: `${error instanceof Error ? error.message : String(error)}. Check that you may write there.` });
  }
}

async function start(): Promise<void> {
  const secretStorage = chooseSecretStorage(safeStorage, process.platform);
  if (secretStorage.kind === 'owner-only-file') log.warn(secretStorage.notice);
  const running = await createDesktopService(dataDir, secretStorage, log);
  service = running;
  const state = shellState(dataDir);
  let preferences: Preferences = await running.getPreferences();
  const applyPreferences = (next: Preferences) => {
    preferences = next;
    applyStartAtLoginSafely(next.startAtLogin);
  };
  applyPreferences(preferences);
  const api = withoutRunsWhileQuitting(withPreferenceEffects(running, applyPreferences), quit.quitting);
  const trayShown = await trayIconsShown(process.platform, process.env);
  if (!trayShown) log.warn('This desktop shows no tray icons (GNOME without the AppIndicator extension): closing the window minimises it instead.');

  registerApiHandlers(ipcMain, api, ownWindowSenderCheck(() => window?.webContents ?? null, (url) => isAppUrl(url, location)), log);
  const startHidden = openedAtLogin(app, process.platform, process.argv) || preferences.startMinimised;
  window = createMainWindow({
    preloadFile: join(builtDir, 'preload', 'index.cjs'),
    location,
    // Hidden only where the tray can bring it back; elsewhere it starts minimised.
    show: !startHidden || !trayShown,
    icon: join(assetsDir, 'icon.png'),
    onLoadFailure: (error) => log.error('The Punchbridge window could not load its page', error),
  });
  if (startHidden && !trayShown) window.once('ready-to-show', () => window?.minimize());
  keepRunningInTray(window, {
    closeToTray: () => preferences.closeToTray,
    trayShown: () => trayShown,
    quitting: quit.quitting,
    noticeShown: () => state.trayNoticeShown(),
    markNoticeShown: () => state.markTrayNoticeShown(),
    showNotice: (reportShown) => notify(TRAY_NOTICE, reportShown),
  });
  // Windows logoff and shutdown emit neither before-quit nor will-quit (Electron's app.md).
  window.on('session-end', () => void quit.onSessionEnd());
  window.on('closed', () => (window = null));

  const logFailure = (what: string) => (error: unknown) => log.error(`${what} failed`, error);
  const appTray = new AppTray(assetsDir, {
    syncNow: () => void api.syncNow().catch(logFailure('Sync now from the tray')),
    openWindow: showWindow,
    setPaused: (paused) => void api.setPaused({ paused }).catch(logFailure('Pausing from the tray')),
    quit: () => app.quit(),
    installUpdate: () => installUpdate(),
  });
  tray = appTray;
  appTray.show(await running.getStatus());
  running.subscribe((event) => {
    window?.webContents.send(EVENT_CHANNEL, event);
    if (event.type === 'status') appTray.show(event.status);
    if (event.type === 'progress') appTray.showProgress(event.progress);
  });
  notifyAboutRuns(running, notify);
  if (secretStorage.kind === 'owner-only-file') notify({ title: 'Punchbridge: no keyring', body: secretStorage.notice });
  syncOnWake({
    power: powerMonitor,
    nextRunAt: async () => (await running.getStatus()).nextRunAt,
    isOnline: () => net.isOnline(),
    runWakeSync: () => running.onWake(),
    quitting: quit.quitting,
    now: () => Date.now(),
    setTimer: timer,
  });
  // Linux and macOS shutdown: delay it long enough to stop cleanly (Electron's powerMonitor docs;
  // electron.d.ts types the listener without the event those docs describe).
  powerMonitor.on('shutdown', ((event: Electron.Event) => {
    event.preventDefault();
    app.quit();
  }) as () => void);
  // Updates are a convenience: a broken updater must not stop the app from starting.
  await startUpdates(appTray).catch((error: unknown) => log.warn('Automatic updates could not start', error));
}

let installUpdate = () => {};

async function startUpdates(appTray: AppTray): Promise<void> {
  const off = updatesOffBecause({ isPackaged: app.isPackaged, env: process.env, signedRelease: signedRelease(app.getAppPath()) });
  if (off) {
    log.info(`Automatic updates are off: ${off}`);
    return;
  }
  const { autoUpdater } = (await import('electron-updater')).default;
  installUpdate = () => autoUpdater.quitAndInstall();
  startBackgroundUpdates({
    updater: autoUpdater,
    onReady: (version) => appTray.offerUpdate(version),
    warn: (message, error) => log.warn(message, error),
    setTimer: timer,
  });
}

function failToStart(error: unknown): void {
  log.error('Punchbridge could not start', error);
  const { title, content } = startupFailureDialog(startupFailure(error, dataDir));
  dialog.showErrorBox(title, content);
  closeLogging();
  app.exit(1);
}

if (claimSingleInstance(app, () => (quit.deferLaunch() ? log.info('Launched while quitting: starting again once stopped') : showWindow()))) {
  app.on('before-quit', () => quit.begin());
  app.on('will-quit', (event) => quit.onWillQuit(event));
  // macOS: a click on the Dock icon brings the hidden window back.
  app.on('activate', showWindow);
  // Without close-to-tray, closing the window ends the app on every platform: nothing would sync
  // otherwise while a dock icon suggested it still did.
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(failToStart);
}
