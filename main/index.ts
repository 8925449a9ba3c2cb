// The Electron main process: wires the service to the window, the tray and the operating system.
// Every piece lives in its own module; this file only puts them together.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, powerMonitor, safeStorage } from 'electron';
import { defaultDataDir } from '../app/paths';
import { closeLogging, configureLogging, createLogger } from '../app/log';
import type { Preferences } from '../app/api/contract';
import { AppTray } from './app-tray';
import { keepRunningInTray, TRAY_NOTICE } from './close-to-tray';
import type { PunchbridgeService } from '../app/api';
import { JournalOpenError } from '../app/journal';
import { createDesktopService } from './desktop-service';
import { EVENT_CHANNEL } from './ipc-channels';
import { ownWindowSenderCheck, registerApiHandlers } from './ipc-handlers';
import { createMainWindow, isAppUrl, type RendererLocation } from './main-window';
import { withPreferenceEffects } from './preference-effects';
import { notifyAboutRuns, type DesktopNotice } from './run-notifications';
import { safeStorageCipher, weakEncryptionWarning } from './secure-storage';
import { claimSingleInstance } from './single-instance';
import { applyStartAtLogin, HIDDEN_ARG } from './start-at-login';
import { shellState } from './shell-state';
import { syncOnWake } from './wake-sync';

// One data folder for the desktop app and the `punchbridge` command (app/paths.ts).
app.setPath('userData', defaultDataDir());
configureLogging({ dataDir: app.getPath('userData') });
const log = createLogger('main');

const builtDir = join(import.meta.dirname, '..');
const location: RendererLocation = {
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  indexFile: join(builtDir, 'renderer', 'index.html'),
};
const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets');

let window: BrowserWindow | null = null;
let quitting = false;

function showWindow(): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function notify(notice: DesktopNotice): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body, icon: join(assetsDir, 'icon.png') });
  notification.on('click', showWindow);
  notification.show();
}

async function start(): Promise<void> {
  const warning = weakEncryptionWarning(safeStorage, process.platform);
  if (warning) log.warn(warning);
  const service = await createDesktopService(app.getPath('userData'), safeStorageCipher(safeStorage), log);
  const state = shellState(app.getPath('userData'));
  let preferences: Preferences = await service.getPreferences();
  const applyPreferences = (next: Preferences) => {
    preferences = next;
    applyStartAtLogin(next.startAtLogin, { platform: process.platform, app, executable: process.env.APPIMAGE ?? process.execPath });
  };
  applyPreferences(preferences);
  const api = withPreferenceEffects(service, applyPreferences);

  registerApiHandlers(ipcMain, api, ownWindowSenderCheck(() => window?.webContents ?? null, (url) => isAppUrl(url, location)), log);
  const startHidden = process.argv.includes(HIDDEN_ARG) || preferences.startMinimised;
  window = createMainWindow({
    preloadFile: join(builtDir, 'preload', 'index.cjs'),
    location,
    show: !startHidden,
    icon: join(assetsDir, 'icon.png'),
  });
  keepRunningInTray(window, {
    closeToTray: () => preferences.closeToTray,
    quitting: () => quitting,
    noticeShown: () => state.trayNoticeShown(),
    markNoticeShown: () => state.markTrayNoticeShown(),
    showNotice: () => notify(TRAY_NOTICE),
  });
  window.on('closed', () => (window = null));

  const tray = new AppTray(assetsDir, {
    syncNow: () => void api.syncNow(),
    openWindow: showWindow,
    setPaused: (paused) => void api.setPaused({ paused }),
    quit: () => app.quit(),
  });
  tray.show(await service.getStatus());
  service.subscribe((event) => {
    window?.webContents.send(EVENT_CHANNEL, event);
    if (event.type === 'status') tray.show(event.status);
  });
  notifyAboutRuns(service, notify);
  if (warning) notify({ title: 'Punchbridge: secrets not encrypted', body: warning });
  syncOnWake(powerMonitor, service);
  stopServiceOnQuit(service, tray);
}

/** Quit waits for the service to finish what it is writing to the journal. */
function stopServiceOnQuit(service: PunchbridgeService, tray: AppTray): void {
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    tray.destroy();
    service
      .close()
      .catch((error: unknown) => log.error('Closing the service failed', error))
      .finally(() => {
        stopped = true;
        closeLogging();
        app.quit();
      });
  });
}

if (claimSingleInstance(app, showWindow)) {
  app.on('before-quit', () => (quitting = true));
  // macOS: a click on the Dock icon brings the hidden window back.
  app.on('activate', showWindow);
  // Without close-to-tray, closing the window ends the app on every platform: nothing would sync
  // otherwise while a dock icon suggested it still did.
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch((error: unknown) => {
    log.error('Punchbridge could not start', error);
    // A journal it cannot open or write (read-only, disk full, too new): say so, not only in the log.
    if (error instanceof JournalOpenError) dialog.showErrorBox('Punchbridge could not start', `${error.error.message}\n\n${error.error.action}`);
    app.exit(1);
  });
}
