// The channels between the preload and the main process: one per contract method, built from
// PUNCHBRIDGE_API_METHODS, plus one that carries PunchbridgeEvents to the window.
import type { ApiError, PunchbridgeApiMethod } from '../app/api/contract';

export const API_CHANNEL_PREFIX = 'punchbridge:api:';
export const EVENT_CHANNEL = 'punchbridge:event';

export function apiChannel(method: PunchbridgeApiMethod): string {
  return `${API_CHANNEL_PREFIX}${method}`;
}

/** What an API channel answers: the method's result, or why the call was refused before it ran. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ApiError };
