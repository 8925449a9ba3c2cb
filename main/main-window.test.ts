import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: Record<string, unknown>[] = [];
  const openExternal = vi.fn();
  class BrowserWindow {
    options: { webPreferences: Record<string, unknown> };
    handlers: Record<string, (...args: unknown[]) => unknown> = {};
    headerListener?: (details: unknown, callback: (answer: unknown) => void) => void;
    permissionHandler?: (contents: unknown, permission: string, callback: (allow: boolean) => void) => void;
    windowOpenHandler?: (details: { url: string }) => { action: string };
    loaded: string | null = null;
    webContents = {
      session: {
        webRequest: { onHeadersReceived: (listener: BrowserWindow['headerListener']) => (this.headerListener = listener) },
        setPermissionRequestHandler: (handler: BrowserWindow['permissionHandler']) => (this.permissionHandler = handler),
      },
      setWindowOpenHandler: (handler: BrowserWindow['windowOpenHandler']) => (this.windowOpenHandler = handler),
      on: (event: string, handler: (...args: unknown[]) => unknown) => (this.handlers[event] = handler),
    };
    constructor(options: BrowserWindow['options']) {
      this.options = options;
      created.push(this as unknown as Record<string, unknown>);
    }
    once() {}
    loadFile(file: string) {
      this.loaded = file;
      // Electron rejects when the page cannot load (ERR_FILE_NOT_FOUND, ERR_ABORTED on a reload).
      return file.includes('missing') ? Promise.reject(new Error("ERR_FILE_NOT_FOUND (-6) loading 'file:///missing/index.html'")) : Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  return { created, BrowserWindow, shell: { openExternal } };
});
vi.mock('electron', () => electron);

const { createMainWindow, isAppUrl, windowContentSecurityPolicy } = await import('./main-window');
const { CONTENT_SECURITY_POLICY } = await import('../app/api');

type FakeWindow = InstanceType<typeof electron.BrowserWindow>;
const location = { indexFile: '/opt/pb/out/renderer/index.html' };

function open(): FakeWindow {
  return createMainWindow({ preloadFile: '/opt/pb/out/preload/index.cjs', location, show: true }) as unknown as FakeWindow;
}

describe('createMainWindow', () => {
  it('reports a page that fails to load instead of leaving an unhandled rejection', async () => {
    const onLoadFailure = vi.fn();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      createMainWindow({ preloadFile: '/p.cjs', location: { indexFile: '/missing/index.html' }, show: true, onLoadFailure });
      await new Promise((resolve) => setImmediate(resolve));
      expect(onLoadFailure).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/ERR_FILE_NOT_FOUND/) }));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('isolates and sandboxes the renderer, without Node, with our one preload', () => {
    const window = open();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/opt/pb/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.loaded).toBe(location.indexFile);
  });

  it('sets the strict CSP on every response', () => {
    const window = open();
    let answer: { responseHeaders: Record<string, string[]> } | undefined;
    window.headerListener!({ responseHeaders: { 'X-Other': ['1'] } }, (value) => (answer = value as typeof answer));
    expect(answer!.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(answer!.responseHeaders['X-Other']).toEqual(['1']);
  });

  it('opens no new windows: web links go to the browser, anything else nowhere', () => {
    const window = open();
    expect(window.windowOpenHandler!({ url: 'https://erp.example.com/app/employee' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://erp.example.com/app/employee');
    electron.shell.openExternal.mockClear();
    expect(window.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('does not navigate away from our own page, and grants no permissions', () => {
    const window = open();
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      window.handlers['will-navigate']!(event, url);
      return event.preventDefault.mock.calls.length === 0;
    };
    expect(navigate('https://evil.example/')).toBe(false);
    expect(navigate('file:///opt/pb/out/renderer/index.html#/devices')).toBe(true);
    const allowed = vi.fn();
    window.permissionHandler!({}, 'media', allowed);
    expect(allowed).toHaveBeenCalledWith(false);
  });
});

describe('isAppUrl and the development CSP', () => {
  it('knows our page in development and when built', () => {
    expect(isAppUrl('http://localhost:5173/devices', { devServerUrl: 'http://localhost:5173', indexFile: '' })).toBe(true);
    expect(isAppUrl('http://localhost:5174/', { devServerUrl: 'http://localhost:5173', indexFile: '' })).toBe(false);
    expect(isAppUrl('file:///C:/Program%20Files/Punchbridge/out/renderer/index.html', { indexFile: 'C:\\Program Files\\Punchbridge\\out\\renderer\\index.html' })).toBe(true);
    expect(isAppUrl('not a url', location)).toBe(false);
  });

  it('loosens scripts and connections only for the dev server', () => {
    expect(windowContentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    const dev = windowContentSecurityPolicy('http://localhost:5173');
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
  });
});
