// Raw HTTP helpers for the simulator's tests: they see exactly what a client would.
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from './options';

export const TOKEN = `token ${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}`;
export const JSON_HEADERS = { Authorization: TOKEN, Accept: 'application/json' };
export const HRMS_PATH = '/api/method/hrms.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field';
export const ERPNEXT_PATH = '/api/method/erpnext.hr.doctype.employee_checkin.employee_checkin.add_log_based_on_employee_field';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: Record<string, unknown>;
}

export async function request(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // HTML pages and plain-text answers stay in `text`.
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = JSON_HEADERS): Promise<RawAnswer> {
  return request(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export function getJson(url: string, headers: Record<string, string> = JSON_HEADERS): Promise<RawAnswer> {
  return request(url, { headers });
}

/** `_server_messages` is a JSON list of JSON objects, each encoded again (docs/frappe-hr.md §3.4). */
export function serverMessages(body: Record<string, unknown>): Record<string, unknown>[] {
  const outer = JSON.parse(String(body._server_messages)) as string[];
  return outer.map((inner) => JSON.parse(inner) as Record<string, unknown>);
}

export function firstMessage(body: Record<string, unknown>): unknown {
  return serverMessages(body)[0]?.message;
}
