import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startErpnextSimulator, type ErpnextSimulator } from './index';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from './options';
import { HRMS_PATH, firstMessage, getJson, postJson, request } from './test-support';

describe('authentication (docs/frappe-hr.md §3.1)', () => {
  let sim: ErpnextSimulator;
  const loggedUser = (headers: Record<string, string>) => getJson(`${sim.url}/api/method/frappe.auth.get_logged_user`, { Accept: 'application/json', ...headers });

  beforeAll(async () => {
    sim = await startErpnextSimulator({ employees: 2 });
  });
  afterAll(() => sim.close());

  it("tells a logged-in user its own roles through get_roles, with Frappe's automatic All and Guest", async () => {
    const auth = { Accept: 'application/json', Authorization: `token ${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}` };
    const roles = await getJson(`${sim.url}/api/method/frappe.core.doctype.user.user.get_roles?uid=sync%40example.com`, auth);
    expect(roles).toMatchObject({ status: 200, json: { message: ['HR Manager', 'System Manager', 'All', 'Guest'] } });
    expect((await getJson(`${sim.url}/api/method/frappe.core.doctype.user.user.get_roles`, {})).status).toBe(403);
  });

  it('accepts `token key:secret` and Basic credentials', async () => {
    const token = await loggedUser({ Authorization: `token ${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}` });
    expect(token).toMatchObject({ status: 200, json: { message: 'sync@example.com' } });
    const basic = Buffer.from(`${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}`).toString('base64');
    expect((await loggedUser({ Authorization: `Basic ${basic}` })).json).toEqual({ message: 'sync@example.com' });
  });

  it('answers a wrong secret, an unknown key or a Bearer token with 401 AuthenticationError', async () => {
    for (const authorization of [`token ${DEFAULT_API_KEY}:wrong`, 'token nobody:secret', 'token no-colon', 'Bearer abc', 'Basic !!!']) {
      const answer = await loggedUser({ Authorization: authorization });
      expect(answer.status, authorization).toBe(401);
      expect(answer.json, authorization).toEqual({ exc_type: 'AuthenticationError' });
    }
  });

  it('treats a request without credentials as Guest: 403 "Not permitted" on protected methods, ping still answers', async () => {
    const answer = await loggedUser({});
    expect(answer.status).toBe(403);
    expect(answer.json.exc_type).toBe('PermissionError');
    expect(firstMessage(answer.json)).toBe('Not permitted');
    expect(answer.json.exception).toBeUndefined();
    const checkin = await postJson(`${sim.url}${HRMS_PATH}`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00' }, { Accept: 'application/json' });
    expect(checkin.status).toBe(403);
    expect((await getJson(`${sim.url}/api/method/ping`, {})).json).toEqual({ message: 'pong' });
  });

  it('answers v2 ping with a data body in v15 mode', async () => {
    expect((await request(`${sim.url}/api/v2/method/ping`)).json).toEqual({ data: 'pong' });
  });
});
