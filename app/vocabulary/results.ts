// Expected failures as values: what every layer returns when something did not work.


/** An expected failure, written for a person: what happened, and what to do about it. */
export interface ApiError {
  code: string;
  message: string;
  action: string;
}

/**
 * An ApiError recognised by its shape, for values that crossed a boundary which keeps only plain
 * data (Electron's contextBridge copies a rejection reason and drops its prototype).
 */
export function asApiError(value: unknown): ApiError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message, action } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string' || typeof action !== 'string') return null;
  return { code, message, action };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
