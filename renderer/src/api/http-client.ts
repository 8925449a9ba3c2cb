// The browser's PunchbridgeApi, spoken over the headless host's HTTP protocol
// (docs/ARCHITECTURE.md, "The host's HTTP protocol"): POST /api/<method> with {"input": ...},
// events over SSE.
import type { ApiError, PunchbridgeApi, PunchbridgeApiMethod, PunchbridgeEvent, PunchbridgeEvents } from '../../../app/api/contract';
import { PUNCHBRIDGE_API_METHODS, PUNCHBRIDGE_API_RETURNS_RESULT as RETURNS_RESULT } from '../../../app/api/contract';

/** A request the host refused or could not answer, for methods that have no Result to carry it. */
export class ApiRequestError extends Error {
  constructor(readonly error: ApiError, readonly status: number | null) {
    super(error.message);
    this.name = 'ApiRequestError';
  }
}

export interface HttpClientOptions {
  /** Where the host is; '' means the page's own origin. */
  baseUrl?: string;
  /** Sent as a Bearer token (scripts and tests); browsers use the host's cookie instead. */
  token?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Longest wait between reconnection attempts of the event stream. */
  maxReconnectDelayMs?: number;
}

const signedOut: ApiError = {
  code: 'unauthorized',
  message: 'This browser is not signed in to Punchbridge.',
  action: 'Open the link that `punchbridge serve` printed (it ends with ?token=...) again: it stays the same across restarts until someone runs `punchbridge serve --new-link`, which prints a new one.',
};

function unreachable(baseUrl: string): ApiError {
  return {
    code: 'host-unreachable',
    message: 'The Punchbridge service did not answer.',
    action: `Check that \`punchbridge serve\` is still running${baseUrl ? ` at ${baseUrl}` : ''}, then try again.`,
  };
}

export function createHttpClient(options: HttpClientOptions = {}): PunchbridgeApi & PunchbridgeEvents {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  async function call(method: PunchbridgeApiMethod, input: unknown): Promise<unknown> {
    const refused = (error: ApiError, status: number | null) => {
      if (RETURNS_RESULT[method]) return { ok: false, error };
      throw new ApiRequestError(error, status);
    };
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify(input === undefined ? {} : { input }),
      });
    } catch {
      return refused(unreachable(baseUrl), null);
    }
    const body = (await response.json().catch(() => null)) as { result?: unknown; error?: ApiError } | null;
    if (response.ok && body && 'result' in body) return body.result;
    if (response.status === 401) return refused(body?.error ?? signedOut, 401);
    if (body?.error) return refused(body.error, response.status);
    return refused({ code: `http-${response.status}`, message: `The Punchbridge service answered ${response.status} ${response.statusText}.`, action: 'Try again; if it keeps happening, look at the app log under History.' }, response.status);
  }

  const api = Object.fromEntries(
    PUNCHBRIDGE_API_METHODS.map((method) => [method, (input?: unknown) => call(method, input)]),
  ) as unknown as PunchbridgeApi;

  const events = createEventStream(`${baseUrl}/api/events`, options, () => api.getStatus());
  return { ...api, subscribe: events.subscribe };
}

/**
 * One shared EventSource while anyone listens. EventSource retries dropped connections by itself
 * but gives up for good after an HTTP error (e.g. a restarted host), so a closed stream is reopened
 * with backoff. Events missed while away are covered by a fresh status after each reconnection.
 */
function createEventStream(url: string, options: HttpClientOptions, fetchStatus: PunchbridgeApi['getStatus']) {
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const maxDelay = options.maxReconnectDelayMs ?? 30_000;
  const listeners = new Set<(event: PunchbridgeEvent) => void>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = 500;

  const emit = (event: PunchbridgeEvent) => listeners.forEach((listener) => listener(event));

  function open() {
    const current = new EventSourceImpl(url, { withCredentials: true });
    source = current;
    current.onopen = () => {
      retryDelay = 500;
      // Whatever happened before the stream was open (at start: while the screens loaded their data;
      // later: while it was down) sent no event, so catch up with a fresh status.
      fetchStatus().then((status) => emit({ type: 'status', status }), () => undefined);
    };
    current.onmessage = (message: MessageEvent<string>) => {
      try {
        emit(JSON.parse(message.data) as PunchbridgeEvent);
      } catch {
        // A malformed event is dropped; the next status event corrects the screen.
      }
    };
    current.onerror = () => {
      if (current.readyState !== EventSourceImpl.CLOSED || source !== current) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (listeners.size > 0) open();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, maxDelay);
    };
  }

  function close() {
    source?.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  return {
    subscribe(listener: (event: PunchbridgeEvent) => void) {
      listeners.add(listener);
      if (!source && EventSourceImpl) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) close();
      };
    },
  };
}
