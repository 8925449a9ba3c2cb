// Reading what Frappe sent back, whatever its shape (docs/frappe-hr.md §3.3, §3.4): v1 bodies carry
// `exc_type`, `_server_messages` (a JSON string of a list of JSON strings), `exception` and
// `_error_message`; v2 bodies carry `errors: [{ type, message }]`; old builds and proxies send HTML.

/** One HTTP answer as the transport saw it; `body` is the raw text. */
export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/** The parts of an answer a classifier looks at. */
export interface FrappeAnswer {
  status: number;
  /** The parsed JSON body, or null when the body is not JSON (an HTML page, an empty body). */
  json: Record<string, unknown> | null;
  /** The class name of the server's exception, e.g. "ValidationError"; null when none was given. */
  excType: string | null;
  /** The server's messages as written, HTML included (the duplicate message ends in a link). */
  rawMessages: string[];
  /** The same messages with HTML removed, for people. */
  messages: string[];
  /** True when the server answered with a web page instead of data. */
  isHtml: boolean;
  /** The `Retry-After` header, in milliseconds, when it was given. */
  retryAfterMs: number | null;
  /** The `Location` header of a redirect. */
  location: string | null;
  /** The `<title>` of an HTML page, which names whoever sent it ("502 Bad Gateway", "Attention Required! | Cloudflare"). */
  pageTitle: string | null;
}

export function readFrappeAnswer(response: HttpResponse, now: () => number = Date.now): FrappeAnswer {
  const json = parseJsonObject(response.body);
  const rawMessages = json ? collectMessages(json) : [];
  return {
    status: response.status,
    json,
    excType: json ? readExcType(json) : null,
    rawMessages,
    messages: rawMessages.map(toPlainText).filter((text) => text.length > 0),
    isHtml: json === null && looksLikeHtml(response),
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], now),
    location: response.headers.location ?? null,
    pageTitle: json === null ? pageTitleOf(response.body) : null,
  };
}

function pageTitleOf(body: string): string | null {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  return title ? toPlainText(title) || null : null;
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  if (!text || !/^\s*[{[]/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function readExcType(json: Record<string, unknown>): string | null {
  if (typeof json.exc_type === 'string') return json.exc_type;
  const firstError = Array.isArray(json.errors) ? json.errors[0] : undefined;
  if (isRecord(firstError) && typeof firstError.type === 'string') return firstError.type;
  return null;
}

// `_server_messages` is where Frappe reliably puts the human text; PermissionError from
// check_permission uses `_error_message`; `exception` is only there when tracebacks are allowed.
function collectMessages(json: Record<string, unknown>): string[] {
  const fromServer = parseServerMessages(json._server_messages);
  if (fromServer.length > 0) return fromServer;
  if (Array.isArray(json.errors)) {
    const fromV2 = json.errors.flatMap((error) => (isRecord(error) && typeof error.message === 'string' ? [error.message] : []));
    if (fromV2.length > 0) return fromV2;
  }
  if (typeof json._error_message === 'string') return [json._error_message];
  if (typeof json.exception === 'string') return [stripExceptionClass(json.exception)];
  const lastTraceLine = lastLineOfTraceback(json.exc);
  return lastTraceLine ? [stripExceptionClass(lastTraceLine)] : [];
}

function parseServerMessages(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const outer = tryParse(value);
  if (!Array.isArray(outer)) return [];
  return outer.flatMap((entry) => {
    const inner = typeof entry === 'string' ? (tryParse(entry) ?? entry) : entry;
    if (typeof inner === 'string') return [inner];
    return isRecord(inner) && typeof inner.message === 'string' ? [inner.message] : [];
  });
}

function lastLineOfTraceback(exc: unknown): string | null {
  if (typeof exc !== 'string') return null;
  const traces = tryParse(exc);
  const first: unknown = Array.isArray(traces) ? traces[0] : exc;
  if (typeof first !== 'string') return null;
  const lines = first.trim().split('\n');
  return lines[lines.length - 1]?.trim() || null;
}

/** "frappe.exceptions.ValidationError: text" → "text". */
function stripExceptionClass(line: string): string {
  return line.replace(/^[\w.]+(?:Error|Exception)\s*:\s*/, '');
}

function toPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function looksLikeHtml(response: HttpResponse): boolean {
  return (response.headers['content-type'] ?? '').includes('text/html') || /^\s*</.test(response.body);
}

/** `Retry-After` is either whole seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now());
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
