// Frappe's exceptions as values, and how Frappe turns one into an HTTP answer
// (docs/frappe-hr.md §3.4, §3.5; frappe/utils/response.py report_error, _make_logs_v1/_v2;
// frappe/app.py handle_exception).
import { randomBytes } from 'node:crypto';
import { pythonJsonDumps } from './python-json';
import { translateFailure, type MessageLanguage } from './translations';
import type { FrappeFailure, ServerMessage } from './frappe-failure';

export function validationError(
  message: string,
  excType = 'ValidationError',
  excModule = 'frappe.exceptions',
  title?: string,
): FrappeFailure {
  return { status: 417, excType, excPath: `${excModule}.${excType}`, exceptionText: message, messages: [{ message, raised: true, title }] };
}

/** frappe.throw(..., frappe.PermissionError): the text goes to `_server_messages`. */
export function permissionThrown(message: string): FrappeFailure {
  return { status: 403, excType: 'PermissionError', excPath: 'frappe.exceptions.PermissionError', exceptionText: message, messages: [{ message, raised: true }] };
}

/** Document.check_permission / get_list read checks: the text goes to `_error_message`. */
export function permissionDenied(doctype: string): FrappeFailure {
  return {
    status: 403,
    excType: 'PermissionError',
    excPath: 'frappe.exceptions.PermissionError',
    messages: [],
    errorMessage: `Insufficient Permission for ${doctype}`,
  };
}

/**
 * has_user_permission refused the new checkin's Employee link: check_permission sets the generic
 * `_error_message` and the permission check's log goes out as a message.
 */
export function userPermissionDenied(employee: string): FrappeFailure {
  return {
    ...permissionDenied('Employee Checkin'),
    messages: [{ message: `You are not allowed to access this Employee Checkin record because it is linked to Employee '${employee}' in field Employee`, raised: false }],
  };
}

/** validate_auth: a two-part Authorization header that resolves no user (docs/frappe-hr.md §3.1). */
export function authenticationError(): FrappeFailure {
  return { status: 401, excType: 'AuthenticationError', excPath: 'frappe.exceptions.AuthenticationError', messages: [] };
}

export function doesNotExist(doctype: string, name: string): FrappeFailure {
  const message = `${doctype} ${name} not found`;
  return { status: 404, excType: 'DoesNotExistError', excPath: 'frappe.exceptions.DoesNotExistError', exceptionText: message, messages: [{ message, raised: true }] };
}

/** frappe/api.py: a path under /api/ that names no handler raises a bare DoesNotExistError. */
export function routeNotFound(): FrappeFailure {
  return { status: 404, excType: 'DoesNotExistError', excPath: 'frappe.exceptions.DoesNotExistError', messages: [] };
}

/** A Python exception Frappe does not map: 500 with the bare class name (docs/frappe-hr.md §3.5). */
export function unhandledError(excType: string, excPath: string, exceptionText: string): FrappeFailure {
  return { status: 500, excType, excPath, exceptionText, messages: [] };
}

/** The MariaDB error for a column the query names but the table lacks. */
export function unknownColumn(column: string, clause: string): FrappeFailure {
  return unhandledError('OperationalError', 'pymysql.err.OperationalError', `(1054, "Unknown column '${column}' in '${clause}'")`);
}

export interface RenderContext {
  api: 'v1' | 'v2';
  /** System Settings allow_error_traceback, and a logged-in user (Guests never get one). */
  showTraceback: boolean;
  /** Frappe v15 tags raised messages with `__frappe_exc_id`. */
  tagMessages: boolean;
  /** v13 answers an HTML page unless Accept names application/json (docs/frappe-hr.md §3.1). */
  htmlPage: boolean;
  language: MessageLanguage;
}

export interface RenderedAnswer {
  status: number;
  contentType: string;
  body: string;
}

export function renderFailure(untranslated: FrappeFailure, renderContext: RenderContext): RenderedAnswer {
  const failure = translateFailure(untranslated, renderContext.language);
  // report_error: no traceback for a 404 (frappe/utils/response.py).
  const context = { ...renderContext, showTraceback: renderContext.showTraceback && failure.status !== 404 };
  if (context.htmlPage) return renderHtmlFailure(failure, context.showTraceback);
  const body = context.api === 'v2' ? v2Body(failure, context) : v1Body(failure, context);
  return { status: failure.status, contentType: 'application/json', body: JSON.stringify(body) };
}

function v1Body(failure: FrappeFailure, context: RenderContext): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (context.showTraceback) body.exception = exceptionLine(failure);
  body.exc_type = failure.excType;
  if (failure.errorMessage !== undefined) body._error_message = failure.errorMessage;
  if (context.showTraceback) body.exc = pythonJsonDumps([traceback(failure)]);
  if (failure.messages.length > 0) {
    const logs = failure.messages.map((entry) => pythonJsonDumps(messageLog(entry, context.tagMessages)));
    body._server_messages = pythonJsonDumps(logs);
  }
  return body;
}

function v2Body(failure: FrappeFailure, context: RenderContext): Record<string, unknown> {
  const raised = failure.messages.findLast((entry) => entry.raised);
  const error: Record<string, unknown> = { type: failure.excType };
  if (context.showTraceback) error.exception = traceback(failure);
  if (raised) Object.assign(error, { message: raised.message, title: raised.title ?? 'Message', indicator: 'red' });
  else if (failure.errorMessage !== undefined) error.message = failure.errorMessage;
  const others = failure.messages.filter((entry) => entry !== raised).map((entry) => messageLog(entry, false));
  return others.length > 0 ? { errors: [error], messages: others } : { errors: [error] };
}

function messageLog(entry: ServerMessage, tagMessages: boolean): Record<string, unknown> {
  const title = entry.title ?? 'Message';
  if (!entry.raised) return { message: entry.message, title };
  const log: Record<string, unknown> = { message: entry.message, title, indicator: 'red', raise_exception: 1 };
  if (tagMessages) log.__frappe_exc_id = randomBytes(5).toString('hex');
  return log;
}

function exceptionLine(failure: FrappeFailure): string {
  return failure.exceptionText === undefined ? failure.excPath : `${failure.excPath}: ${failure.exceptionText}`;
}

function traceback(failure: FrappeFailure): string {
  return [
    'Traceback (most recent call last):',
    '  File "apps/frappe/frappe/app.py", line 114, in application',
    '    response = frappe.api.handle(request)',
    '  File "apps/frappe/frappe/handler.py", line 49, in handle',
    '    data = execute_cmd(cmd)',
    exceptionLine(failure),
    '',
  ].join('\n');
}

// frappe/app.py handle_exception in v13 for a request that did not ask for JSON.
function renderHtmlFailure(failure: FrappeFailure, showTraceback: boolean): RenderedAnswer {
  const pages: Record<number, [string, string]> = {
    401: ['Session Expired', 'Your session has expired, please login again to continue.'],
    403: ['Not Permitted', 'You do not have enough permissions to complete the action'],
    404: ['Not Found', 'The resource you are looking for is not available'],
  };
  const [title, message] = pages[failure.status] ?? ['Server Error', showTraceback ? `<pre>${escapeHtml(traceback(failure))}</pre>` : ''];
  return { status: failure.status, contentType: 'text/html; charset=utf-8', body: htmlPage(title, message) };
}

export function htmlPage(title: string, message: string): string {
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body><div class="page-card"><h5 class="page-card-head">${escapeHtml(title)}</h5>`,
    `<div class="page-card-body">${message}</div></div></body></html>`,
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
