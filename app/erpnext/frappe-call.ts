// The common path of every call other than the checkin push: send, read the answer, and turn any
// answer that is not a success into an ApiError a person can act on.
import type { ApiError } from '../vocabulary';
import { badCredentialsError } from './checkin-outcome';
import { readFrappeAnswer, type FrappeAnswer } from './frappe-answer';
import { networkFailureError, type HttpRequest, type Transport } from './transport';

export interface CallPurpose {
  /** What the call does, for messages: "list employees". */
  doing: string;
  /** What to do when the API user lacks the permission. */
  whenForbidden: string;
}

export type CallResult = { ok: true; value: FrappeAnswer } | { ok: false; error: ApiError; answer: FrappeAnswer | null };

/** Send a request; a 2xx JSON answer is ok, everything else an ApiError (the answer is kept beside it). */
export async function callFrappe(transport: Transport, request: HttpRequest, purpose: CallPurpose): Promise<CallResult> {
  const outcome = await transport.send(withLanguage(transport, request));
  if (!outcome.ok) return { ok: false, error: networkFailureError(transport, outcome.failure), answer: null };
  const answer = readFrappeAnswer(outcome.response);
  if (answer.status >= 200 && answer.status < 300 && answer.json) return { ok: true, value: answer };
  return { ok: false, error: callError(transport, answer, purpose), answer };
}

/**
 * Ask Frappe to answer in the client's language: `_lang` has the highest priority in Frappe's
 * language resolution and is dropped by `get_newargs` before a method runs. A JSON body replaces
 * the query arguments in Frappe's form dict, so it goes where the arguments go. A PUT body is
 * copied onto the document instead, so PUTs go without it.
 */
export function withLanguage(transport: Transport, request: HttpRequest): HttpRequest {
  if (request.method === 'PUT') return request;
  if (request.body) return { ...request, body: { ...request.body, _lang: transport.language } };
  return { ...request, query: { ...request.query, _lang: transport.language } };
}

function callError(transport: Transport, answer: FrappeAnswer, purpose: CallPurpose): ApiError {
  const said = answer.messages.join(' ');
  const saying = said ? ` ERPNext says: ${said}` : '';
  if (answer.status === 401) return badCredentialsError();
  if (answer.status === 403) {
    return { code: 'erpnext-no-permission', message: `The API user may not ${purpose.doing}.${saying}`, action: purpose.whenForbidden };
  }
  if (answer.status === 404) {
    return {
      code: 'erpnext-not-found',
      message: `ERPNext could not ${purpose.doing}: not found.${saying}`,
      action: `Check that ${transport.baseUrl} is your ERPNext site and that the record exists.`,
    };
  }
  if (answer.status === 429) {
    return { code: 'erpnext-rate-limited', message: 'ERPNext is limiting requests from this API user.', action: 'Wait a minute and try again.' };
  }
  if (answer.isHtml || !answer.json) {
    return {
      code: 'erpnext-unexpected-answer',
      message: `${transport.baseUrl} answered with a web page (status ${answer.status}) instead of ERPNext data.`,
      action: 'Check that the address is your ERPNext site itself, without a path such as /app or /login.',
    };
  }
  if (answer.status >= 500) {
    return {
      code: 'erpnext-server-error',
      message: `ERPNext had an error while trying to ${purpose.doing} (status ${answer.status}).${saying}`,
      action: 'Try again later; if it keeps failing, check the Error Log in ERPNext.',
    };
  }
  return {
    code: 'erpnext-validation',
    message: `ERPNext refused to ${purpose.doing}.${saying}`,
    action: 'Correct what ERPNext names and try again.',
  };
}
