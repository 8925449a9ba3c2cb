// Which URL creates checkins on this site, found by asking the site rather than the user
// (docs/frappe-hr.md §0.1: the hrms path on v14+, the erpnext path on v13, the v2 doctype route on
// Frappe v15+; neither app path forwards to the other).
import type { ApiError, Result } from '../vocabulary';
import { badCredentialsError, endpointMissingError, proxyPageError, redirectedError, REDIRECTS } from './checkin-outcome';
import { readFrappeAnswer, type FrappeAnswer } from './frappe-answer';
import { withLanguage } from './frappe-call';
import { networkFailureError, type Transport } from './transport';

export type CheckinEndpointKind = 'hrms' | 'erpnext' | 'v2';

export interface CheckinEndpoint {
  kind: CheckinEndpointKind;
  /** The path to POST to, below the site address. */
  path: string;
  /** For people: 'hrms (v14+)', 'erpnext (v13)', 'v2 (Frappe v15+)'. */
  label: string;
}

const METHOD = 'hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field';

/** In the order they are tried: the v1 app paths first, as their answers are the best known. */
export const CHECKIN_ENDPOINTS: readonly CheckinEndpoint[] = [
  { kind: 'hrms', path: `/api/method/hrms.${METHOD}`, label: 'hrms (v14+)' },
  { kind: 'erpnext', path: `/api/method/erpnext.${METHOD}`, label: 'erpnext (v13)' },
  // The v2 route resolves the doctype's controller itself, so it works whichever app holds it.
  { kind: 'v2', path: `/api/v2/method/${encodeURIComponent('Employee Checkin')}/add_log_based_on_employee_field`, label: 'v2 (Frappe v15+)' },
];

export interface EndpointProbe {
  endpoint: CheckinEndpoint;
  /** False when the server's validation message came back in another language than English. */
  answersInEnglish: boolean | null;
}

/**
 * Probe each path with empty `employee_field_value` and `timestamp`. The function checks for empty
 * values before it touches the database and throws a 417 "'employee_field_value' and 'timestamp'
 * are required." (docs/frappe-hr.md §2.1 step 1), so a path that exists answers that and nothing is
 * created. Leaving the keys out would instead raise a TypeError (500) and an Error Log entry on the
 * server. A path that does not exist answers 417 "Failed to get method for command <path> …" or,
 * for the v2 route on older Frappe, 404.
 */
export async function detectCheckinEndpoint(transport: Transport): Promise<Result<EndpointProbe>> {
  for (const endpoint of CHECKIN_ENDPOINTS) {
    const sent = await transport.send(
      withLanguage(transport, { method: 'POST', path: endpoint.path, body: { employee_field_value: '', timestamp: '' } }),
    );
    if (!sent.ok) return { ok: false, error: networkFailureError(transport, sent.failure) };
    const answer = readFrappeAnswer(sent.response);
    const verdict = judgeProbe(answer);
    if (verdict === 'present') return { ok: true, value: { endpoint, answersInEnglish: answeredInEnglish(answer) } };
    if (verdict !== 'absent') return { ok: false, error: verdict };
  }
  return { ok: false, error: endpointMissingError() };
}

const REQUIRED_TEXT = 'are required';

function judgeProbe(answer: FrappeAnswer): 'present' | 'absent' | ApiError {
  if (answer.status === 401) return badCredentialsError();
  if (REDIRECTS.has(answer.status)) return redirectedError(answer.status, answer.location);
  // A firewall's or proxy's own page is not the site saying the path is missing.
  if (answer.isHtml && answer.status >= 400 && answer.status < 500) return proxyPageError(answer);
  if (answer.status === 404) return 'absent';
  if (answer.status === 417 && answer.json) return mentionsMissingMethod(answer) ? 'absent' : 'present';
  if (answer.status === 403) {
    return {
      code: 'erpnext-no-permission',
      message: 'The API user may not call the Employee Checkin function.',
      action: 'In ERPNext give the API user the HR User role (or HR Manager).',
    };
  }
  return {
    code: 'erpnext-unexpected-answer',
    message: `ERPNext answered the checkin check with status ${answer.status}${answer.messages[0] ? `: ${answer.messages[0]}` : ''}.`,
    action: 'Try again later; if it keeps failing, check the Error Log in ERPNext.',
  };
}

// "Failed to get method for command {cmd} with {error}" carries the dotted path whatever the
// language; "App hrms is not installed" on v13 arrives inside the same message.
function mentionsMissingMethod(answer: FrappeAnswer): boolean {
  const text = answer.messages.join(' ');
  return text.includes('Failed to get method') || text.includes('employee_checkin.add_log_based_on_employee_field');
}

function answeredInEnglish(answer: FrappeAnswer): boolean | null {
  const text = answer.messages.join(' ');
  if (!text) return null;
  return text.includes(REQUIRED_TEXT);
}
