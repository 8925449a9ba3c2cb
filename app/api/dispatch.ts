import { storageFailure } from '../storage-failure';
import { parseApiInput, type ApiError, type PunchbridgeApi, type PunchbridgeApiMethod } from './contract';

export type ApiCallOutcome = { ok: true; result: unknown } | { ok: false; error: ApiError };

/**
 * Validate a method's argument and call it: the one door both the HTTP host and the Electron IPC
 * handlers go through, so neither can forget the validation.
 */
export async function callApiMethod(api: PunchbridgeApi, method: PunchbridgeApiMethod, input: unknown): Promise<ApiCallOutcome> {
  const parsed = parseApiInput(method, input);
  if (!parsed.ok) return parsed;
  const call = api[method] as (argument: unknown) => Promise<unknown>;
  try {
    return { ok: true, result: await call.call(api, parsed.value) };
  } catch (error) {
    // The journal or a settings file stopped taking writes (disk full, made read-only) after the start.
    const failure = storageFailure(error, 'the Punchbridge data folder');
    if (failure) return { ok: false, error: failure };
    throw error;
  }
}

export const INTERNAL_ERROR: ApiError = {
  code: 'internal',
  message: 'Something went wrong inside Punchbridge.',
  action: 'Try again; if it keeps happening, send the log (Settings > Log) to whoever supports you.',
};
