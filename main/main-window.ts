// The one Punchbridge window, locked down: isolated, sandboxed, no Node, one CSP, no new windows,
// no navigation away from our own page.
import { BrowserWindow, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../app/api';

export interface RendererLocation {
  /** electron-vite's dev server while developing (ELECTRON_RENDERER_URL). */
  devServerUrl?: string;
  /** The built index.html otherwise. */
  indexFile: string;
}

/** Vite's dev server injects an inline script and talks over a websocket; the built app needs neither. */
export function windowContentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const socket = devServerUrl.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${socket}`,
  );
}

/** Our own page: the dev server's origin, or the built index.html. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  try {
    const parsed = new URL(url);
    if (location.devServerUrl) return parsed.origin === new URL(location.devServerUrl).origin;
    return parsed.protocol === 'file:' && decodeURIComponent(parsed.pathname).replace(/\\/g, '/').endsWith(location.indexFile.replace(/\\/g, '/'));
  } catch {
    return false;
  }
}

/** Only web addresses leave the app, and only to the person's own browser. */
export function isExternalWebAddress(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export interface MainWindowOptions {
  preloadFile: string;
  location: RendererLocation;
  show: boolean;
  icon?: string;
  /** The page did not load: a rejection left alone would become Electron's "A JavaScript error occurred" dialog. */
  onLoadFailure?(error: unknown): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { location } = options;
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Punchbridge',
    icon: options.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockDown(window, location);
  if (options.show) window.once('ready-to-show', () => window.show());
  const loading = location.devServerUrl ? window.loadURL(location.devServerUrl) : window.loadFile(location.indexFile);
  loading.catch((error: unknown) => options.onLoadFailure?.(error));
  return window;
}

function lockDown(window: BrowserWindow, location: RendererLocation): void {
  const policy = windowContentSecurityPolicy(location.devServerUrl);
  window.webContents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  // The renderer needs no camera, location or notifications of its own: main shows notifications.
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebAddress(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
}
