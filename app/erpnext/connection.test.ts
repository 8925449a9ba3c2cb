// The transport's failure modes against small loopback servers: nothing listening, a server that
// never answers, a self-signed certificate, and a site that only has the v2 route.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErpnextClient, type ErpnextClient, type ErpnextConnection } from './index';

type Handler = (request: http.IncomingMessage, body: string) => { status: number; body: unknown } | 'hang';

const servers: (http.Server | https.Server)[] = [];
const clients: ErpnextClient[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: http.Server | https.Server, handler: Handler): Promise<number> {
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const answer = handler(request, body);
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function client(connection: Partial<ErpnextConnection> & { url: string }): ErpnextClient {
  const created = createErpnextClient({ apiKey: 'key', apiSecret: 'secret', ...connection });
  if (!created.ok) throw new Error(created.error.message);
  clients.push(created.value);
  return created.value;
}

const punch = { employeeFieldValue: '1', timestamp: '2026-11-25 08:00:00', deviceId: 'gate', logType: 'IN' as const };

describe('when the site cannot be reached', () => {
  it('says nothing answered on a closed port, and a push is transient', async () => {
    const probe = http.createServer();
    const port = await listen(probe, () => ({ status: 200, body: {} }));
    await new Promise((resolve) => probe.close(resolve));
    const closed = client({ url: `http://127.0.0.1:${port}` });
    const tested = await closed.testConnection();
    expect(tested.ok).toBe(false);
    expect(!tested.ok && tested.error.code).toBe('erpnext-unreachable');
    expect(!tested.ok && tested.error.message).toContain(`127.0.0.1:${port}`);
    expect((await closed.pushCheckin(punch)).kind).toBe('transient');
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const port = await listen(http.createServer(), () => 'hang');
    const hanging = client({ url: `http://127.0.0.1:${port}`, timeoutMs: 300 });
    const started = Date.now();
    const tested = await hanging.testConnection();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(!tested.ok && tested.error.code).toBe('erpnext-timeout');
    expect((await hanging.pushCheckin(punch)).kind).toBe('transient');
  });

  it('refuses to start with a CA file that cannot be read', () => {
    const created = createErpnextClient({ url: 'https://127.0.0.1', apiKey: 'k', apiSecret: 's', caFile: '/nonexistent/ca.pem' });
    expect(!created.ok && created.error.code).toBe('erpnext-ca-file');
  });
});

describe('sending', () => {
  it('sends token auth, asks for JSON and finds the v2 route when no app path exists', async () => {
    const seen: { path: string; authorization?: string; accept?: string; body: string }[] = [];
    const port = await listen(http.createServer(), (request, body) => {
      seen.push({ path: request.url ?? '', authorization: request.headers.authorization, accept: request.headers.accept, body });
      const path = decodeURIComponent(request.url ?? '');
      if (path.startsWith('/api/method/frappe.auth.get_logged_user')) return { status: 200, body: { message: 'sync@example.com' } };
      if (path.startsWith('/api/v2/method/Employee Checkin/add_log_based_on_employee_field')) {
        return { status: 417, body: { errors: [{ type: 'ValidationError', message: "'employee_field_value' and 'timestamp' are required." }] } };
      }
      if (path.startsWith('/api/method/') && path.includes('add_log')) {
        const command = path.slice('/api/method/'.length);
        return { status: 417, body: { exc_type: 'ValidationError', exception: `frappe.exceptions.ValidationError: Failed to get method for command ${command} with No module named x` } };
      }
      return { status: 403, body: { exc_type: 'PermissionError' } };
    });
    const tested = await client({ url: `http://127.0.0.1:${port}/` }).testConnection();
    expect(tested.ok && tested.value.detectedPath).toBe('v2 (Frappe v15+)');
    expect(seen[0]).toMatchObject({ authorization: 'token key:secret', accept: 'application/json' });
    const probes = seen.filter((request) => request.path.includes('add_log'));
    expect(probes.map((request) => JSON.parse(request.body))).toEqual(
      Array(3).fill({ employee_field_value: '', timestamp: '', _lang: 'en' }),
    );
  });
});

describe('the time field check', () => {
  async function siteWithRoles(roles: string[]) {
    const port = await listen(http.createServer(), (request) => {
      const path = request.url ?? '';
      if (path.startsWith('/api/method/frappe.auth.get_logged_user')) return { status: 200, body: { message: 'sync@example.com' } };
      if (path.startsWith('/api/method/frappe.core.doctype.user.user.get_roles?uid=sync%40example.com')) return { status: 200, body: { message: roles } };
      if (path.startsWith('/api/method/hrms.')) return { status: 417, body: { exc_type: 'ValidationError', exception: "frappe.exceptions.ValidationError: 'employee_field_value' and 'timestamp' are required." } };
      return { status: 403, body: { exc_type: 'PermissionError' } };
    });
    return client({ url: `http://127.0.0.1:${port}` }).testConnection();
  }

  it('warns before any push when the API user has no role that may set the checkin time', async () => {
    const tested = await siteWithRoles(['Employee', 'All', 'Guest']);
    expect(tested.ok && tested.value.timeFieldAccess).toBe('reset-to-now');
    const problem = tested.ok ? tested.value.problems.find((p) => p.code === 'erpnext-time-trap-risk') : undefined;
    expect(problem?.action).toContain('HR User');
  });

  it('is satisfied by the HR User role', async () => {
    const tested = await siteWithRoles(['HR User', 'Employee', 'All']);
    expect(tested.ok && tested.value.timeFieldAccess).toBe('writable');
    expect(tested.ok && tested.value.problems.map((p) => p.code)).not.toContain('erpnext-time-trap-risk');
  });
});

describe('TLS', () => {
  let folder: string;
  let certFile: string;
  let url: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'punchbridge-tls-'));
    certFile = join(folder, 'cert.pem');
    const keyFile = join(folder, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) });
    const port = await listen(server, (request) =>
      request.url?.startsWith('/api/method/frappe.auth.get_logged_user')
        ? { status: 200, body: { message: 'sync@example.com' } }
        : { status: 417, body: { exc_type: 'ValidationError', _server_messages: JSON.stringify([JSON.stringify({ message: "'employee_field_value' and 'timestamp' are required." })]) } },
    );
    url = `https://127.0.0.1:${port}`;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses a certificate it does not trust and says how to fix it', async () => {
    const tested = await client({ url }).testConnection();
    expect(!tested.ok && tested.error.code).toBe('erpnext-tls');
    expect(!tested.ok && tested.error.action).toContain('CA file');
  });

  it('trusts a site signed by a chosen CA file', async () => {
    const tested = await client({ url, caFile: certFile }).testConnection();
    expect(tested.ok && tested.value.user).toBe('sync@example.com');
    expect(tested.ok && tested.value.problems.map((problem) => problem.code)).not.toContain('erpnext-tls-off');
  });

  it('connects with verification off only when asked, and warns about it', async () => {
    const tested = await client({ url, verifyTls: false }).testConnection();
    expect(tested.ok).toBe(true);
    expect(tested.ok && tested.value.problems.map((problem) => problem.code)).toContain('erpnext-tls-off');
  });
});
