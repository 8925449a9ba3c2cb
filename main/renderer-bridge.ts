// What the preload exposes as window.punchbridge, generated from the contract's method list.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  PUNCHBRIDGE_API_METHODS,
  type PunchbridgeApi,
  type PunchbridgeEvent,
  type PunchbridgeEvents,
} from '../app/api/contract';
import { apiChannel, EVENT_CHANNEL, type IpcReply } from './ipc-channels';
import { PUNCHBRIDGE_API_RETURNS_RESULT as RETURNS_RESULT } from '../app/api/contract';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function buildRendererBridge(ipc: BridgeIpc): PunchbridgeApi & PunchbridgeEvents {
  const bridge: Record<string, unknown> = {};
  for (const method of PUNCHBRIDGE_API_METHODS) {
    bridge[method] = async (input?: unknown) => {
      const reply = (await ipc.invoke(apiChannel(method), input)) as IpcReply;
      if (reply.ok) return reply.result;
      if (RETURNS_RESULT[method]) return { ok: false, error: reply.error };
      // contextBridge copies a thrown Error with its message only; a plain object crosses whole,
      // so the window still learns the code and what to do (asApiError in app/api/contract.ts).
      return Promise.reject({ ...reply.error });
    };
  }
  bridge.subscribe = (listener: (event: PunchbridgeEvent) => void) => {
    // The renderer gets the event itself, never Electron's IpcRendererEvent (it holds `sender`).
    const forward = (_ipcEvent: IpcRendererEvent, event: PunchbridgeEvent) => listener(event);
    ipc.on(EVENT_CHANNEL, forward);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, forward);
    };
  };
  return bridge as unknown as PunchbridgeApi & PunchbridgeEvents;
}
