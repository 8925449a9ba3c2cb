// The main side of the bridge: one handler per contract method, each refusing other senders and
// validating its argument (through app/host's callApiMethod, the same door as HTTP) before the call.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { PUNCHBRIDGE_API_METHODS, type ApiError, type PunchbridgeApi } from '../app/api/contract';
import { callApiMethod, INTERNAL_ERROR } from '../app/api';
import type { Logger } from '../app/log';
import { apiChannel, type IpcReply } from './ipc-channels';

export const FOREIGN_SENDER: ApiError = {
  code: 'forbidden',
  message: 'Only the Punchbridge window may use this.',
  action: 'Use Punchbridge from its own window.',
};

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Registers every handler; returns a function that removes them again. */
export function registerApiHandlers(
  ipc: Pick<IpcMain, 'handle' | 'removeHandler'>,
  api: PunchbridgeApi,
  isTrustedSender: SenderCheck,
  log: Logger,
): () => void {
  for (const method of PUNCHBRIDGE_API_METHODS) {
    ipc.handle(apiChannel(method), async (event, input: unknown): Promise<IpcReply> => {
      if (!isTrustedSender(event)) {
        log.warn(`Refused ${method} from a frame that is not the Punchbridge window (${event.senderFrame?.url ?? 'unknown'})`);
        return { ok: false, error: FOREIGN_SENDER };
      }
      try {
        return await callApiMethod(api, method, input);
      } catch (error) {
        log.error(`${method} failed`, error);
        return { ok: false, error: INTERNAL_ERROR };
      }
    });
  }
  return () => PUNCHBRIDGE_API_METHODS.forEach((method) => ipc.removeHandler(apiChannel(method)));
}

/**
 * Trust only our window's top frame showing our own page: not an iframe, not a page the window
 * was somehow navigated to.
 */
export function ownWindowSenderCheck(getWebContents: () => Electron.WebContents | null, isAppUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const contents = getWebContents();
    const frame = event.senderFrame;
    return contents !== null && event.sender === contents && frame !== null && frame === contents.mainFrame && isAppUrl(frame.url);
  };
}
