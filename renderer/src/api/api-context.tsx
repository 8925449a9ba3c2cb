import { createContext, useContext, type ReactNode } from 'react';
import { asApiError, type ApiError, type PunchbridgeApi, type PunchbridgeEvents, type Result } from '../../../app/api/contract';
import { ApiRequestError } from './http-client';

export type Backend = PunchbridgeApi & PunchbridgeEvents;

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser, where the HTTP client is used. */
    punchbridge?: Backend;
  }
}

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children: ReactNode }) {
  return <BackendContext.Provider value={backend}>{children}</BackendContext.Provider>;
}

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (!backend) throw new Error('useBackend() needs a <BackendProvider> above it');
  return backend;
}

/** For queries over Result methods: a refused result becomes a query error the screen can show. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiRequestError(result.error, null);
  return result.value;
}

/** Whatever went wrong, as something a person can read and act on. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiRequestError) return error.error;
  // The desktop app's bridge rejects with a plain ApiError: contextBridge would strip an Error's fields.
  const bridged = asApiError(error);
  if (bridged) return bridged;
  return {
    code: 'unexpected',
    message: error instanceof Error ? error.message : 'Something went wrong.',
    action: 'Try again; if it keeps happening, look at the app log under History.',
  };
}
