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
  return { ok: true, result: await call.call(api, parsed.value) };
}

export const INTERNAL_ERROR: ApiError = {
  code: 'internal',
  message: 'Something went wrong inside Punchbridge.',
  action: 'Try again; if it keeps happening, send the log (Settings > Log) to whoever supports you.',
};
