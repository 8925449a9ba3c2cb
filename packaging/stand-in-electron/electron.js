// A stand-in for the `electron` module, for the main-process smoke test (packaging/main-smoke.test.ts).
// It is NOT Electron: there is no Chromium, no window and no operating system behind it. It plays
// Electron's C++ side only where main/ depends on it, as Electron 45's docs describe:
// - app.setPath throws on a relative path; whenReady resolves after 'ready'; quit emits
//   before-quit and will-quit, each preventable, then exits the process;
// - safeStorage on Linux without a keyring: backend 'basic_text', no encryption until
//   setUsePlainTextEncryption(true), encryptString throwing meanwhile;
// - a Tray throws on every call once destroyed;
// - BrowserWindow.loadFile rejects for a missing file; webContents.mainFrame.url is the loaded page;
// - powerMonitor and the window emit the events the test sends.
// The test drives it over the child-process IPC channel (process.send / 'message').
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const record = { notifications: [], dialogs: [], trays: [], windows: [], sent: 0, appUserModelId: null, loginItems: [] };

function report(message) {
  process.send?.(message);
}

class StandInApp extends EventEmitter {
  isPackaged = false;
  #paths = new Map();
  #ready = false;
  #quitting = false;
  constructor() {
    super();
    setImmediate(() => {
      this.#ready = true;
      this.emit('ready');
    });
  }
  getName() {
    return 'Punchbridge';
  }
  getVersion() {
    return process.env.npm_package_version ?? '0.0.0';
  }
  getAppPath() {
    return process.cwd();
  }
  setPath(name, path) {
    // Electron: "Path must be absolute" (shell/browser/api/electron_api_app.cc).
    if (!isAbsolute(path)) throw new Error(`Path must be absolute: ${path}`);
    this.#paths.set(name, path);
  }
  getPath(name) {
    const path = this.#paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  isReady() {
    return this.#ready;
  }
  whenReady() {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.once('ready', () => resolve()));
  }
  requestSingleInstanceLock() {
    return true;
  }
  setAppUserModelId(id) {
    record.appUserModelId = id;
  }
  setLoginItemSettings(settings) {
    record.loginItems.push(settings);
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  relaunch() {}
  quit() {
    if (this.#quitting) return;
    const beforeQuit = preventable();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.#quitting = true;
    for (const window of [...BrowserWindow.open]) window.close();
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    this.#quitting = false;
    if (willQuit.defaultPrevented) return;
    this.emit('quit');
    report({ type: 'exiting', code: 0, dialogs: record.dialogs });
    setImmediate(() => process.exit(0));
  }
  exit(code = 0) {
    report({ type: 'exiting', code, dialogs: record.dialogs });
    setImmediate(() => process.exit(code));
  }
}

function preventable() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export const app = new StandInApp();

const plainTextBackend = (process.env.STAND_IN_KEYRING ?? 'none') === 'none';
let plainTextAllowed = false;
export const safeStorage = {
  isEncryptionAvailable: () => app.isReady() && (!plainTextBackend || plainTextAllowed),
  getSelectedStorageBackend: () => (!app.isReady() ? 'unknown' : plainTextBackend ? 'basic_text' : 'gnome_libsecret'),
  setUsePlainTextEncryption: (allowed) => void (plainTextAllowed = allowed),
  encryptString(text) {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    return Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`);
  },
  decryptString(buffer) {
    const text = buffer.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
  },
};

export const nativeImage = {
  createFromPath: (path) => ({ path, isEmpty: () => !existsSync(path) }),
};

export const Menu = { buildFromTemplate: (template) => template };

export class Tray extends EventEmitter {
  #destroyed = false;
  constructor(image) {
    super();
    this.state = { image: image.path, imageExists: !image.isEmpty(), tooltip: '', menu: [], destroyed: false };
    record.trays.push(this);
  }
  #alive() {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
  }
  setImage(image) {
    this.#alive();
    this.state.image = image.path;
    this.state.imageExists = !image.isEmpty();
  }
  setToolTip(text) {
    this.#alive();
    this.state.tooltip = text;
  }
  setContextMenu(menu) {
    this.#alive();
    this.menu = menu;
    this.state.menu = menu.filter((item) => item.label).map((item) => item.label);
  }
  destroy() {
    this.#alive();
    this.#destroyed = true;
    this.state.destroyed = true;
  }
}

export class BrowserWindow extends EventEmitter {
  static open = new Set();
  #visible = false;
  #minimised = false;
  constructor(options) {
    super();
    this.options = options;
    BrowserWindow.open.add(this);
    record.windows.push(this);
    const contents = new EventEmitter();
    Object.assign(contents, {
      mainFrame: { url: 'about:blank' },
      session: { webRequest: { onHeadersReceived() {} }, setPermissionRequestHandler() {} },
      setWindowOpenHandler() {},
      send: () => void record.sent++,
    });
    this.webContents = contents;
  }
  loadFile(file) {
    if (!existsSync(file)) return Promise.reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${pathToFileURL(file).href}'`));
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadURL(url) {
    this.webContents.mainFrame.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.#visible = true;
    this.#minimised = false;
  }
  showInactive() {
    this.show();
  }
  hide() {
    this.#visible = false;
  }
  focus() {}
  minimize() {
    this.#minimised = true;
  }
  restore() {
    this.#minimised = false;
  }
  isMinimized() {
    return this.#minimised;
  }
  isVisible() {
    return this.#visible;
  }
  close() {
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    BrowserWindow.open.delete(this);
    this.emit('closed');
    if (BrowserWindow.open.size === 0) app.emit('window-all-closed');
  }
}

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    record.notifications.push({ title: this.options.title, body: this.options.body });
    setImmediate(() => this.emit('show'));
  }
}

const handlers = new Map();
export const ipcMain = {
  handle: (channel, handler) => void handlers.set(channel, handler),
  removeHandler: (channel) => void handlers.delete(channel),
  on() {},
};

export const powerMonitor = new EventEmitter();
export const net = { isOnline: () => true };
export const dialog = { showErrorBox: (title, content) => void record.dialogs.push({ title, content }) };
export const shell = { openExternal: async () => undefined };

function windowState(window) {
  return { visible: window.isVisible(), minimised: window.isMinimized(), url: window.webContents.mainFrame.url, preload: window.options.webPreferences?.preload };
}

// The test's side of the channel.
process.on('message', async (message) => {
  const window = record.windows[0];
  const tray = record.trays[0];
  switch (message.type) {
    case 'invoke': {
      const handler = handlers.get(`punchbridge:api:${message.method}`);
      if (!handler) return report({ type: 'reply', id: message.id, value: { missing: message.method } });
      const contents = window?.webContents;
      const value = await handler({ sender: contents, senderFrame: contents?.mainFrame ?? null }, message.input);
      return report({ type: 'reply', id: message.id, value });
    }
    case 'power':
      powerMonitor.emit(message.event, preventable());
      return report({ type: 'reply', id: message.id, value: true });
    case 'window':
      if (message.event === 'close') window?.close();
      else window?.emit(message.event, preventable());
      return report({ type: 'reply', id: message.id, value: true });
    case 'tray-menu': {
      const item = tray?.menu?.find((entry) => entry.label === message.label);
      item?.click?.();
      return report({ type: 'reply', id: message.id, value: Boolean(item) });
    }
    case 'state':
      return report({
        type: 'reply',
        id: message.id,
        value: { ...record, trays: record.trays.map((each) => each.state), windows: record.windows.map(windowState) },
      });
  }
});
// The channel alone must not keep the process alive: quitting has to end it by itself.
process.channel?.unref();

const electron = { app, safeStorage, nativeImage, Menu, Tray, BrowserWindow, Notification, ipcMain, powerMonitor, net, dialog, shell };
export default electron;
