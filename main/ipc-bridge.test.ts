// Both halves of the bridge together: the preload's window.punchbridge over a fake ipcRenderer
// wired to the main side's handlers, as Electron would carry them.
import { describe, expect, it, vi } from 'vitest';
import { PUNCHBRIDGE_API_METHODS, type PunchbridgeEvent } from '../app/api/contract';
import { createFakeApi } from '../app/host/fake-api';
import { createLogger, LogBook } from '../app/log';
import { apiChannel, EVENT_CHANNEL } from './ipc-channels';
import { FOREIGN_SENDER, ownWindowSenderCheck, registerApiHandlers } from './ipc-handlers';
import { buildRendererBridge } from './renderer-bridge';
import { asApiError } from '../app/api/contract';

/**
 * What contextBridge does to a rejection reason (Electron docs, context-bridge.md, "Parameter /
 * Error / Return Type support"): an Error arrives with its message only, custom fields lost; a
 * plain object arrives as a copy of its own fields.
 */
function acrossContextBridge(reason: unknown): unknown {
  if (reason instanceof Error) return new Error(reason.message);
  return typeof reason === 'object' && reason !== null ? structuredClone({ ...reason }) : reason;
}

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

function wire(options: { trusted: boolean }) {
  const api = createFakeApi({ getStatus: () => ({ running: true }), listDevices: () => [] });
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler), removeHandler: (channel: string) => void handlers.delete(channel) };
  const book = new LogBook();
  const unregister = registerApiHandlers(ipcMain as never, api, () => options.trusted, createLogger('ipc', book));
  const rendererListeners = new Set<(event: unknown, payload: unknown) => void>();
  const ipcRenderer = {
    invoke: (channel: string, input: unknown) => handlers.get(channel)!({ senderFrame: { url: 'https://evil.example/' } }, input),
    on: (_channel: string, listener: (event: unknown, payload: unknown) => void) => rendererListeners.add(listener),
    removeListener: (_channel: string, listener: (event: unknown, payload: unknown) => void) => rendererListeners.delete(listener),
  };
  const bridge = buildRendererBridge(ipcRenderer as never);
  const sendToWindow = (event: PunchbridgeEvent) => rendererListeners.forEach((listener) => listener({ sender: 'secret' }, event));
  return { api, handlers, unregister, bridge, book, sendToWindow, rendererListeners };
}

describe('the IPC bridge', () => {
  it('registers one handler per contract method and removes them all', () => {
    const { handlers, unregister } = wire({ trusted: true });
    expect([...handlers.keys()].sort()).toEqual(PUNCHBRIDGE_API_METHODS.map(apiChannel).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('carries calls and results from the window to the service', async () => {
    const { api, bridge } = wire({ trusted: true });
    expect(await bridge.getStatus()).toEqual({ running: true });
    await bridge.listRuns({});
    expect(api.calls).toEqual([
      { method: 'getStatus', input: undefined },
      { method: 'listRuns', input: { limit: 50 } },
    ]);
  });

  it('refuses a bad argument before the service sees it: a Result for Result methods, a throw otherwise', async () => {
    const { api, bridge } = wire({ trusted: true });
    const refused = await bridge.addDevice({ name: '', host: '10.0.0.1' });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-argument', message: 'name: Give the device a name, such as "Main gate"' }) });
    await expect(bridge.queryPunches({ limit: 5000 })).rejects.toThrow(/limit/);
    await expect(bridge.getRun({ id: -1 })).rejects.toThrow(/id/);
    expect(api.calls).toEqual([]);
  });

  it('refuses every call from a sender that is not our window, and logs it', async () => {
    const { api, bridge, book } = wire({ trusted: false });
    expect(await bridge.syncNow()).toEqual({ ok: false, error: FOREIGN_SENDER });
    await expect(bridge.getStatus()).rejects.toThrow(FOREIGN_SENDER.message);
    expect(api.calls).toEqual([]);
    expect(book.read(5).map((line) => line.message)).toContain(
      'Refused syncNow from a frame that is not the Punchbridge window (https://evil.example/)',
    );
  });

  it('delivers events to subscribers without Electron\'s event object, and unsubscribes', () => {
    const { bridge, sendToWindow, rendererListeners } = wire({ trusted: true });
    const received: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args) => received.push(args));
    const event: PunchbridgeEvent = { type: 'error', error: { code: 'x', message: 'm', action: 'a' } };
    sendToWindow(event);
    expect(received).toEqual([[event]]);
    unsubscribe();
    expect(rendererListeners.size).toBe(0);
  });

  it('keeps code and action of a refusal across contextBridge, which drops the fields of an Error', async () => {
    const { bridge } = wire({ trusted: false });
    const crossed = await bridge.getStatus().then(
      () => null,
      (reason: unknown) => acrossContextBridge(reason),
    );
    expect(crossed).toMatchObject({ code: FOREIGN_SENDER.code, message: FOREIGN_SENDER.message, action: FOREIGN_SENDER.action });
    expect(asApiError(crossed)).toEqual(FOREIGN_SENDER);
  });

  it('answers a service crash with a plain error, not its stack', async () => {
    const { api, bridge } = wire({ trusted: true });
    api.listDevices = async () => {
      throw new Error('SQLITE_CORRUPT at /home/hr/.config');
    };
    await expect(bridge.listDevices()).rejects.toThrow('Something went wrong inside Punchbridge.');
  });

  it('uses the event channel the main process sends on', () => {
    expect(EVENT_CHANNEL).toBe('punchbridge:event');
  });
});

describe('ownWindowSenderCheck', () => {
  const mainFrame = { url: 'file:///opt/Punchbridge/resources/app.asar/out/renderer/index.html' };
  const contents = { mainFrame };
  const check = ownWindowSenderCheck(() => contents as never, (url) => url.endsWith('/out/renderer/index.html'));
  const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as never;

  it('trusts only the main frame of our own window showing our page', () => {
    expect(check(event(contents, mainFrame))).toBe(true);
    expect(check(event({ mainFrame }, mainFrame))).toBe(false);
    expect(check(event(contents, { url: mainFrame.url }))).toBe(false);
    expect(check(event(contents, null))).toBe(false);
    const navigatedAway = { mainFrame: { url: 'https://evil.example/' } };
    expect(ownWindowSenderCheck(() => navigatedAway as never, () => false)(event(navigatedAway, navigatedAway.mainFrame))).toBe(false);
  });

  it('trusts nothing when the window is gone', () => {
    expect(ownWindowSenderCheck(() => null, () => true)(event(contents, mainFrame))).toBe(false);
  });
});

describe('preload', () => {
  it('exposes every contract method and subscribe as window.punchbridge', async () => {
    const exposed = new Map<string, Record<string, unknown>>();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (name: string, value: Record<string, unknown>) => exposed.set(name, value) },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    }));
    await import('./preload');
    const punchbridge = exposed.get('punchbridge')!;
    expect(Object.keys(punchbridge).sort()).toEqual([...PUNCHBRIDGE_API_METHODS, 'subscribe'].sort());
    for (const value of Object.values(punchbridge)) expect(typeof value).toBe('function');
    vi.doUnmock('electron');
  });
});
