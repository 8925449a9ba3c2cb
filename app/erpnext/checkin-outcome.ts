// Every answer to add_log_based_on_employee_field, told apart: by HTTP status first, then by
// `exc_type`, and only then by the message text (docs/frappe-hr.md §6). All business errors are 417
// ValidationErrors (§0.3), so the text decides between them; where a language-independent signal
// exists (the link in the duplicate message, the "'field': value" tail of "No Employee found")
// it is used as well, because Frappe translates messages through the API user's language (§0.4).
import type { ApiError } from '../vocabulary';
import { isRecord, type FrappeAnswer } from './frappe-answer';

/** What was sent, as far as classifying the answer needs it. */
export interface SentCheckin {
  employeeFieldValue: string;
  employeeFieldname: string;
  /** `YYYY-MM-DD HH:mm:ss` in the server's zone. */
  timestamp: string;
  deviceId: string;
}

interface Refusal {
  error: ApiError;
  /** The server's own words, HTML removed; null when it gave none. */
  serverMessage: string | null;
}

export type PushOutcome =
  /** `createdAt`: the new checkin's `creation`, on the server's clock and in its zone. */
  | { kind: 'accepted'; checkinName: string; employee: string | null; employeeName: string | null; createdAt: string | null }
  /** The same punch is already in ERPNext: counts as done. */
  | ({ kind: 'duplicate'; existingCheckin: string | null } & Refusal)
  | ({ kind: 'no-employee' } & Refusal)
  | ({ kind: 'inactive-employee' } & Refusal)
  | ({ kind: 'log-type-required'; shift: string | null } & Refusal)
  /** Geolocation tracking is on: coordinates missing, or too far from the shift location. */
  | ({ kind: 'geolocation-required' } & Refusal)
  /** Any other validation error; `serverMessage` keeps the exact text. */
  | ({ kind: 'validation' } & Refusal)
  | ({ kind: 'bad-credentials' } & Refusal)
  /** The API user lacks the role: no checkin can be made. */
  | ({ kind: 'no-permission' } & Refusal)
  /** The API user has the role, but a User Permission keeps it from this punch's employee. */
  | ({ kind: 'document-refused' } & Refusal)
  /** The address answers with a redirect: every push would get the same. */
  | ({ kind: 'redirected'; location: string | null } & Refusal)
  /** Something in front of ERPNext (a proxy, a firewall) refused with its own page. */
  | ({ kind: 'proxy-page' } & Refusal)
  | ({ kind: 'rate-limited'; retryAfterMs: number | null } & Refusal)
  /**
   * 5xx, network failure, timeout, an HTML page instead of data: worth retrying later. `inDoubt`:
   * the request may have reached ERPNext and been committed without its answer coming back (no
   * answer at all, or a proxy's 502 / 504), so the checkin may be there already.
   */
  | ({ kind: 'transient'; inDoubt: boolean } & Refusal)
  /** The checkin endpoint is gone (the server was upgraded or the app removed). */
  | ({ kind: 'endpoint-missing' } & Refusal)
  /**
   * ERPNext saved the checkin with its own current time instead of the punch time, because the API
   * user cannot write the permlevel-1 `time` field (docs/frappe-hr.md §0.5). Every further push
   * would do the same, so pushing must stop.
   */
  | ({ kind: 'time-trap'; checkinName: string; savedTime: string } & Refusal);

export type PushOutcomeKind = PushOutcome['kind'];

/** What the sync engine does with a punch after an outcome. */
export type PushEffect = 'synced' | 'unmatched' | 'rejected' | 'retry' | 'stop';

export function pushEffect(outcome: PushOutcome): PushEffect {
  switch (outcome.kind) {
    case 'accepted':
    case 'duplicate':
      return 'synced';
    case 'no-employee':
      return 'unmatched';
    case 'inactive-employee':
    case 'log-type-required':
    case 'geolocation-required':
    case 'validation':
    case 'document-refused':
      return 'rejected';
    case 'rate-limited':
    case 'transient':
      return 'retry';
    case 'bad-credentials':
    case 'no-permission':
    case 'redirected':
    case 'proxy-page':
    case 'endpoint-missing':
    case 'time-trap':
      return 'stop';
  }
}

const TEXT = {
  duplicate: 'already has a log with the same timestamp',
  noEmployee: 'No Employee found for the given employee field value',
  inactive: 'Transactions cannot be created for an Inactive Employee',
  logTypeRequired: /Log Type is required for check-ins falling in the shift:?\s*(.*?)\.?$/,
  geolocationRequired: 'Latitude and longitude values are required',
  outsideRadius: 'meters of your shift location',
  methodMissing: 'Failed to get method for command',
};
// Frappe puts the dotted command into "Failed to get method for command {cmd} with {error}", so
// this survives translation.
const COMMAND_IN_MESSAGE = 'employee_checkin.add_log_based_on_employee_field';

export function classifyCheckinAnswer(answer: FrappeAnswer, sent: SentCheckin): PushOutcome {
  const serverMessage = answer.messages.join(' ') || null;
  const refusal = (error: ApiError): Refusal => ({ error, serverMessage });
  if (answer.status === 401) return { kind: 'bad-credentials', ...refusal(badCredentialsError()) };
  if (answer.status === 429) {
    return { kind: 'rate-limited', retryAfterMs: answer.retryAfterMs, ...refusal(rateLimitedError(answer.retryAfterMs)) };
  }
  if (REDIRECTS.has(answer.status)) {
    const location = answer.location;
    return { kind: 'redirected', location, ...refusal(redirectedError(answer.status, location)) };
  }
  // 408 comes from the server or a proxy before the method ran: nothing was created.
  if (answer.status === 408) return { kind: 'transient', inDoubt: false, ...refusal(requestTimeoutError()) };
  if (answer.status >= 200 && answer.status < 300) return classifySuccess(answer, sent, serverMessage);
  // A proxy's 502 / 504 may follow a commit whose answer it gave up waiting for.
  if (GATEWAY_ERRORS.has(answer.status)) return { kind: 'transient', inDoubt: true, ...refusal(gatewayError(answer)) };
  if (answer.isHtml && answer.status !== 503 && answer.status < 500) return { kind: 'proxy-page', ...refusal(proxyPageError(answer)) };
  if (answer.status >= 500 || answer.status === 409) return { kind: 'transient', inDoubt: false, ...refusal(serverError(answer)) };
  if (answer.status === 403) return { kind: 'no-permission', ...refusal(noCheckinPermissionError(serverMessage)) };
  // A DoesNotExistError raised inside the method (a deleted Shift Type) carries its message; only
  // a path that names no method answers a bare 404 (frappe/api.py).
  if (answer.status === 404 && answer.messages.length === 0) return { kind: 'endpoint-missing', ...refusal(endpointMissingError()) };
  return classifyValidation(answer, sent, refusal);
}

export const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const GATEWAY_ERRORS = new Set([502, 504]);

function classifySuccess(answer: FrappeAnswer, sent: SentCheckin, serverMessage: string | null): PushOutcome {
  // v1 wraps the return value in `message`, v2 in `data` (docs/frappe-hr.md §3.3).
  const doc = answer.json?.message ?? answer.json?.data;
  if (!isRecord(doc) || typeof doc.name !== 'string') {
    // Something answered 2xx without the document: whether the checkin was made is unknown.
    return { kind: 'transient', inDoubt: true, error: unexpectedAnswerError(answer), serverMessage };
  }
  const savedTime = typeof doc.time === 'string' ? doc.time.replace('T', ' ').slice(0, 19) : null;
  if (savedTime !== null && savedTime !== sent.timestamp.slice(0, 19)) {
    return { kind: 'time-trap', checkinName: doc.name, savedTime, error: timeTrapError(doc.name, sent.timestamp, savedTime), serverMessage };
  }
  return {
    kind: 'accepted',
    checkinName: doc.name,
    employee: typeof doc.employee === 'string' ? doc.employee : null,
    employeeName: typeof doc.employee_name === 'string' ? doc.employee_name : null,
    createdAt: typeof doc.creation === 'string' ? doc.creation.replace('T', ' ').slice(0, 19) : null,
  };
}

function classifyValidation(answer: FrappeAnswer, sent: SentCheckin, refusal: (error: ApiError) => Refusal): PushOutcome {
  const text = answer.messages.join(' ');
  const raw = answer.rawMessages.join(' ');
  if (answer.excType === 'InactiveEmployeeStatusError' || text.includes(TEXT.inactive)) {
    return { kind: 'inactive-employee', ...refusal(inactiveEmployeeError(sent)) };
  }
  if (answer.excType === 'CheckinRadiusExceededError' || text.includes(TEXT.outsideRadius) || text.includes(TEXT.geolocationRequired)) {
    return { kind: 'geolocation-required', ...refusal(geolocationError(sent, text)) };
  }
  if (text.includes(TEXT.duplicate) || linksToCheckin(raw)) {
    return { kind: 'duplicate', existingCheckin: linkedCheckinName(raw), ...refusal(duplicateError(sent)) };
  }
  if (text.includes(TEXT.noEmployee) || text.includes(`'${sent.employeeFieldname}': ${sent.employeeFieldValue}`)) {
    return { kind: 'no-employee', ...refusal(noEmployeeError(sent)) };
  }
  const logType = TEXT.logTypeRequired.exec(text);
  if (logType) {
    const shift = logType[1] || null;
    return { kind: 'log-type-required', shift, ...refusal(logTypeRequiredError(shift)) };
  }
  if (text.includes(TEXT.methodMissing) || text.includes(COMMAND_IN_MESSAGE)) {
    return { kind: 'endpoint-missing', ...refusal(endpointMissingError()) };
  }
  return { kind: 'validation', ...refusal(validationError(text || `ERPNext answered with status ${answer.status}.`)) };
}

// The duplicate message ends in a link to the checkin already there (docs/frappe-hr.md §2.1):
// `/app/employee-checkin/<name>` in HRMS, `#Form/Employee Checkin/<name>` in older desks.
const CHECKIN_LINK = /href=["']?[^"'>]*(?:employee-checkin|Employee(?:%20| )Checkin)\/([^"'>/?#]+)/i;

function linksToCheckin(raw: string): boolean {
  return CHECKIN_LINK.test(raw);
}

function linkedCheckinName(raw: string): string | null {
  const match = CHECKIN_LINK.exec(raw);
  if (match?.[1]) return decodeURIComponent(match[1]);
  return /EMP-CKIN-[\w-]+/.exec(raw)?.[0] ?? null;
}

// ---------- the words a person reads ----------

export function badCredentialsError(): ApiError {
  return {
    code: 'erpnext-bad-credentials',
    message: 'ERPNext did not accept the API key and secret.',
    action: 'In ERPNext open the API user (User > API Access), generate new keys if needed, and enter the key and secret again.',
  };
}

function noCheckinPermissionError(serverMessage: string | null): ApiError {
  return {
    code: 'erpnext-no-permission',
    message: `The API user may not create Employee Checkin records${serverMessage ? ` (ERPNext says: ${serverMessage})` : ''}.`,
    action: 'In ERPNext give the API user the HR User role (or HR Manager), then sync again.',
  };
}

/** Per-document refusals keep the punch held with this reason; the others go on. */
export function documentRefusedError(employeeFieldValue: string, serverMessage: string | null): ApiError {
  return {
    code: 'erpnext-document-refused',
    message: `ERPNext refused the checkin for ${employeeFieldValue}: the API user has the role, but a User Permission keeps it from this employee${serverMessage ? ` (ERPNext says: ${serverMessage})` : ''}.`,
    action: 'In ERPNext remove the User Permission on Employee that limits the API user (or add this employee to it), then retry these punches.',
  };
}

export function redirectedError(status: number, location: string | null): ApiError {
  return {
    code: 'erpnext-redirected',
    message: `The ERPNext address answers with a redirect (status ${status})${location ? ` to ${location}` : ''} instead of taking the checkin.`,
    action: location
      ? `Enter the address it redirects to (${originOf(location)}) in the ERPNext settings of Punchbridge, then sync again.`
      : 'Check the ERPNext address in the settings (https instead of http, or the site\'s own name), then sync again.',
  };
}

function originOf(location: string): string {
  try {
    return new URL(location).origin;
  } catch {
    return location;
  }
}

function requestTimeoutError(): ApiError {
  return {
    code: 'erpnext-request-timeout',
    message: 'ERPNext (or a proxy in front of it) gave up receiving the request (status 408); nothing was created.',
    action: 'Nothing to do: Punchbridge sends it again. If it keeps happening, check the network between this PC and the site.',
  };
}

function gatewayError(answer: FrappeAnswer): ApiError {
  const what = answer.status === 504 ? 'did not get an answer from ERPNext in time' : 'lost its connection to ERPNext';
  return {
    code: 'erpnext-gateway',
    message: `The proxy in front of ERPNext ${what} (status ${answer.status}${answer.pageTitle ? `, "${answer.pageTitle}"` : ''}); the checkin may have been made all the same.`,
    action: 'Nothing to do: Punchbridge looks the punch up in ERPNext before sending it again. If it keeps happening, check the site\'s load and its proxy timeouts.',
  };
}

export function proxyPageError(answer: FrappeAnswer): ApiError {
  return {
    code: 'erpnext-proxy-page',
    message: `Something in front of ERPNext (a proxy or firewall) refused the request with its own page (status ${answer.status}${answer.pageTitle ? `, "${answer.pageTitle}"` : ''}), not ERPNext.`,
    action: 'Ask whoever runs the site\'s proxy or firewall to let this PC reach /api on the ERPNext site, then sync again.',
  };
}

function rateLimitedError(retryAfterMs: number | null): ApiError {
  const wait = retryAfterMs === null ? 'a while' : `${Math.ceil(retryAfterMs / 1000)} s`;
  return {
    code: 'erpnext-rate-limited',
    message: `ERPNext is limiting requests from this API user and asked to wait ${wait}.`,
    action: 'Nothing to do: Punchbridge waits and tries again. If it happens often, lower the push concurrency or raise the site\'s rate limit.',
  };
}

function serverError(answer: FrappeAnswer): ApiError {
  const detail = answer.messages[0] ? `: ${answer.messages[0]}` : answer.isHtml ? ' with a web page instead of data' : '';
  const what = answer.status === 503 ? 'is in maintenance or overloaded' : `had an error (status ${answer.status}${detail})`;
  return {
    code: 'erpnext-server-error',
    message: `ERPNext ${what}.`,
    action: 'Punchbridge tries again later. If it keeps failing, check the site\'s Error Log in ERPNext.',
  };
}

function unexpectedAnswerError(answer: FrappeAnswer): ApiError {
  return {
    code: 'erpnext-unexpected-answer',
    message: answer.isHtml
      ? 'The ERPNext address answered with a web page instead of data.'
      : 'ERPNext answered, but not with the checkin it should have created.',
    action: 'Check that the ERPNext address points at the site itself (not a login portal or proxy page).',
  };
}

function timeTrapError(checkinName: string, sentTime: string, savedTime: string): ApiError {
  return {
    code: 'erpnext-time-trap',
    message:
      `ERPNext saved checkin ${checkinName} at its own current time ${savedTime} instead of the punch time ${sentTime}: ` +
      'the API user is not allowed to set the Time field of Employee Checkin. Pushing has stopped so that no more punches get a wrong time.',
    action: `In ERPNext give the API user the HR User or HR Manager role, delete checkin ${checkinName}, then sync again.`,
  };
}

function duplicateError(sent: SentCheckin): ApiError {
  return {
    code: 'erpnext-duplicate',
    message: `ERPNext already has this punch (${sent.employeeFieldValue} at ${sent.timestamp}).`,
    action: 'Nothing to do: the punch counts as sent.',
  };
}

function noEmployeeError(sent: SentCheckin): ApiError {
  const field = sent.employeeFieldname === 'attendance_device_id' ? 'Attendance Device ID' : sent.employeeFieldname;
  return {
    code: 'erpnext-no-employee',
    message: `No employee in ERPNext has ${field} ${sent.employeeFieldValue} (device ${sent.deviceId}).`,
    action: `Map device user ${sent.employeeFieldValue} to an employee in Punchbridge, or set that employee's Attendance Device ID in ERPNext.`,
  };
}

function inactiveEmployeeError(sent: SentCheckin): ApiError {
  return {
    code: 'erpnext-inactive-employee',
    message: `The employee for device user ${sent.employeeFieldValue} is Inactive in ERPNext, which refuses checkins for them.`,
    action: 'Set the employee to Active in ERPNext and retry, or ignore these punches.',
  };
}

function logTypeRequiredError(shift: string | null): ApiError {
  return {
    code: 'erpnext-log-type-required',
    message: `ERPNext needs IN or OUT on every checkin of shift ${shift ?? '(unknown)'}, and this punch has neither.`,
    action: 'Set the device\'s IN/OUT rule in Punchbridge (or change the shift\'s "Determine Check-in and Check-out" in ERPNext), then retry.',
  };
}

function geolocationError(sent: SentCheckin, text: string): ApiError {
  const tooFar = text.includes(TEXT.outsideRadius);
  return {
    code: 'erpnext-geolocation',
    message: tooFar
      ? `ERPNext refused the punch from device ${sent.deviceId}: ${text}`
      : `ERPNext has geolocation tracking on and needs a latitude and longitude on every checkin; device ${sent.deviceId} has none.`,
    action: 'Enter the latitude and longitude of the place where the device hangs in the ERPNext settings of Punchbridge, then retry.',
  };
}

function validationError(text: string): ApiError {
  return {
    code: 'erpnext-validation',
    message: `ERPNext refused the punch: ${text}`,
    action: 'Fix the cause in ERPNext or in Punchbridge, then retry the punch.',
  };
}

export function endpointMissingError(): ApiError {
  return {
    code: 'erpnext-endpoint-missing',
    message: 'This ERPNext site has no Employee Checkin endpoint that Punchbridge knows (HRMS, ERPNext v13 or Frappe v15 route).',
    action: 'Check that the HRMS app is installed on the site (ERPNext v14 and later), then run the ERPNext connection test again.',
  };
}
