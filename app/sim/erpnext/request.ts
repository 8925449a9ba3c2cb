// How Frappe reads a request: who is calling (frappe/api.py validate_auth, docs/frappe-hr.md §3.1)
// and its arguments (frappe/app.py make_form_dict, docs/frappe-hr.md §3.2).
import type { IncomingHttpHeaders } from 'node:http';
import { authenticationError, unhandledError, validationError } from './frappe-errors';
import type { FrappeFailure } from './frappe-failure';
import { GUEST, type Site, type SiteUser } from './site';

/**
 * No header, or one that is not two words, means Guest. Two words that resolve no user
 * (unknown key, wrong secret, undecodable Basic, any Bearer token: the simulator has no OAuth)
 * are an AuthenticationError.
 */
export function resolveUser(site: Site, authorization: string | undefined): SiteUser | FrappeFailure {
  const parts = (authorization ?? '').split(' ');
  if (parts.length !== 2) return GUEST;
  const [scheme = '', credentials = ''] = parts;
  const pair = scheme.toLowerCase() === 'token' ? credentials : scheme.toLowerCase() === 'basic' ? decodeBasic(credentials) : undefined;
  const separator = pair?.indexOf(':') ?? -1;
  const user = pair && separator > 0 ? site.authenticate(pair.slice(0, separator), pair.slice(separator + 1)) : undefined;
  return user ?? authenticationError();
}

function decodeBasic(credentials: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return undefined;
  return Buffer.from(credentials, 'base64').toString('utf8');
}

export function isFailure(value: unknown): value is FrappeFailure {
  return typeof value === 'object' && value !== null && 'excType' in value;
}

/**
 * frappe.form_dict: a JSON body alone when the request is JSON; otherwise the query string and
 * url-encoded form fields merged (form wins). A body of any other type is not read at all.
 */
export function buildFormDict(headers: IncomingHttpHeaders, query: URLSearchParams, body: string): Record<string, unknown> | FrappeFailure {
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  if (body && isJsonContentType(contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      return unhandledError('JSONDecodeError', 'json.decoder.JSONDecodeError', (error as Error).message);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return validationError('Invalid request arguments');
    return { ...(parsed as Record<string, unknown>) };
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of query) if (!(key in args)) args[key] = value;
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const seen = new Set<string>();
    for (const [key, value] of new URLSearchParams(body)) {
      if (!seen.has(key)) args[key] = value;
      seen.add(key);
    }
  }
  return args;
}

function isJsonContentType(contentType: string): boolean {
  const mime = contentType.split(';')[0]!.trim();
  return mime === 'application/json' || mime.endsWith('+json');
}

/**
 * frappe.api get_request_form_data: a `data` argument when one was sent, otherwise the raw body,
 * parsed as JSON whatever its Content-Type (Frappe's sync tool sends PUTs without one,
 * docs/frappe-hr.md §1.8).
 */
export function requestDocumentData(formDict: Record<string, unknown>, body: string): Record<string, unknown> | FrappeFailure {
  const data = formDict.data ?? body;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(String(data));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return validationError('Invalid request arguments');
  } catch (error) {
    return unhandledError('JSONDecodeError', 'json.decoder.JSONDecodeError', (error as Error).message);
  }
}

/** v13 answers errors with HTML unless the request asked for JSON or came from ajax (docs/frappe-hr.md §3.1). */
export function wantsJson(headers: IncomingHttpHeaders): boolean {
  return String(headers.accept ?? '').includes('application/json') || headers['x-requested-with'] === 'XMLHttpRequest';
}
