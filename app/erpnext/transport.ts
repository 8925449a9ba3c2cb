// One axios instance per connection, on keep-alive agents, that never throws for an answer: every
// status comes back as an HttpResponse and every failure to get one as a NetworkFailure.
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import axios, { type AxiosError, type AxiosInstance } from 'axios';
import type { ApiError, Result } from '../vocabulary';
import { readCaFile } from './ca-file';
import type { HttpResponse } from './frappe-answer';
import { createRatePacer, type RatePacer } from './rate-pacing';

export interface ErpnextConnection {
  /** The site's base address, e.g. https://erp.example.com. */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Per request; default 20 s. */
  timeoutMs?: number;
  /**
   * For a request that creates a record; default 130 s. It must outlast bench's 120 s worker
   * timeout: a request given up earlier may still commit, and a resend then doubles it.
   */
  writeTimeoutMs?: number;
  /** Off only when the person says so; reported as a warning by testConnection. */
  verifyTls?: boolean;
  /** A PEM file with the CA that signed the site's certificate, trusted besides the usual roots. */
  caFile?: string | null;
  /**
   * The language Frappe should answer in (`_lang`). Messages are translated through the API user's
   * language and the classifier reads English text (docs/frappe-hr.md §0.4).
   */
  language?: 'en';
}

export type NetworkFailureReason = 'timeout' | 'refused' | 'not-found' | 'tls' | 'reset' | 'other';

export interface NetworkFailure {
  reason: NetworkFailureReason;
  detail: string;
}

export type HttpOutcome = { ok: true; response: HttpResponse } | { ok: false; failure: NetworkFailure };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
  /** Overrides the transport's timeout (a write waits `writeTimeoutMs`). */
  timeoutMs?: number;
}

export interface Transport {
  baseUrl: string;
  timeoutMs: number;
  writeTimeoutMs: number;
  language: 'en';
  send(request: HttpRequest): Promise<HttpOutcome>;
  /** How long requests waited for the site's rate-limit window; null when the site sends no limit. */
  rateLimitWaits(): ReturnType<RatePacer['report']>;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** bench's gunicorn `--timeout` is 120 s; past it the worker is killed and its transaction rolled back. */
const DEFAULT_WRITE_TIMEOUT_MS = 130_000;
// Enough sockets for the highest push concurrency the settings allow (32).
const MAX_SOCKETS = 32;

export function createTransport(connection: ErpnextConnection): Result<Transport> {
  const ca = readCaFile(connection.caFile ?? null);
  if (!ca.ok) return ca;
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const baseUrl = connection.url.trim().replace(/\/+$/, '');
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets: MAX_SOCKETS,
    rejectUnauthorized: connection.verifyTls !== false,
    ...(ca.value ? { ca: [...rootCertificates, ca.value] } : {}),
  });
  const instance = axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs,
    httpAgent,
    httpsAgent,
    // axios does not tunnel HTTPS through an HTTP proxy (no CONNECT), so proxy variables in the
    // environment would break https sites rather than help; connections go direct.
    proxy: false,
    maxRedirects: 0,
    responseType: 'text',
    // Keep the raw text: we decide ourselves whether a body is JSON, HTML or nothing.
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    headers: {
      Authorization: `token ${connection.apiKey.trim()}:${connection.apiSecret.trim()}`,
      Accept: 'application/json',
    },
  });
  const pacer = createRatePacer();
  return {
    ok: true,
    value: {
      baseUrl,
      timeoutMs,
      writeTimeoutMs: connection.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      language: connection.language ?? 'en',
      send: (request) => sendPaced(pacer, () => sendRequest(instance, timeoutMs, request)),
      rateLimitWaits: () => pacer.report(),
      close: () => {
        httpAgent.destroy();
        httpsAgent.destroy();
      },
    },
  };
}

async function sendPaced(pacer: RatePacer, send: () => Promise<HttpOutcome>): Promise<HttpOutcome> {
  await pacer.ready();
  pacer.started();
  const startedAt = Date.now();
  try {
    const outcome = await send();
    if (outcome.ok) pacer.observe(outcome.response.headers, Date.now() - startedAt);
    return outcome;
  } finally {
    pacer.finished();
  }
}

async function sendRequest(instance: AxiosInstance, defaultTimeoutMs: number, request: HttpRequest): Promise<HttpOutcome> {
  const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
  try {
    const response = await instance.request<string>({
      method: request.method,
      url: request.path,
      params: request.query,
      data: request.body,
      timeout: timeoutMs,
      // axios' own timeout watches an idle socket; this caps the whole exchange.
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { ok: true, response: { status: response.status, headers: flattenHeaders(response.headers), body: String(response.data ?? '') } };
  } catch (error) {
    if (!axios.isAxiosError(error)) throw error;
    return { ok: false, failure: describeFailure(error) };
  }
}

function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function describeFailure(error: AxiosError): NetworkFailure {
  const code = error.code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = code ? `${code}: ${error.message}` : error.message;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') return { reason: 'timeout', detail };
  if (code === 'ECONNREFUSED') return { reason: 'refused', detail };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'not-found', detail };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_BAD_RESPONSE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return { reason: 'reset', detail };
  }
  if (TLS_CODES.test(code)) return { reason: 'tls', detail };
  return { reason: 'other', detail };
}

/** A network failure in words a person can act on. */
export function networkFailureError(transport: Pick<Transport, 'baseUrl' | 'timeoutMs'>, failure: NetworkFailure): ApiError {
  const { baseUrl, timeoutMs } = transport;
  const where = `ERPNext at ${baseUrl}`;
  switch (failure.reason) {
    case 'timeout':
      return {
        code: 'erpnext-timeout',
        message: `${where} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        action: 'Check that the site is up and not overloaded; Punchbridge tries again later.',
      };
    case 'refused':
      return {
        code: 'erpnext-unreachable',
        message: `Nothing answered at ${baseUrl}: the connection was refused.`,
        action: 'Check the address and port in the ERPNext settings and that the site is running.',
      };
    case 'not-found':
      return {
        code: 'erpnext-unreachable',
        message: `The name in ${baseUrl} could not be found.`,
        action: 'Check the spelling of the ERPNext address and that this PC is online.',
      };
    case 'tls':
      return {
        code: 'erpnext-tls',
        message: `The secure connection to ${where} failed: its certificate is not trusted (${failure.detail}).`,
        action: 'If the site uses its own certificate authority, choose its CA file in the ERPNext settings.',
      };
    case 'reset':
      return {
        code: 'erpnext-connection-dropped',
        message: `${where} dropped the connection before answering.`,
        action: 'Punchbridge tries again later; if it keeps happening, check the site and any proxy in front of it.',
      };
    case 'other':
      return {
        code: 'erpnext-network',
        message: `Could not talk to ${where} (${failure.detail}).`,
        action: 'Check the address and this PC\'s network connection.',
      };
  }
}
