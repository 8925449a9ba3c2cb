import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, AppStatus } from '../api/contract';
import { createFakeApi, type FakeApi } from './fake-api';
import { HostStartError, startHost, type RunningHost } from './server';

let staticDir: string;
beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'punchbridge-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Punchbridge UI</title>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  return () => rmSync(staticDir, { recursive: true, force: true });
});

const running: RunningHost[] = [];
afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
});

async function start(options: { password?: string; api?: FakeApi } = {}) {
  const api = options.api ?? createFakeApi({ getStatus: () => ({ running: false }) as AppStatus });
  const host = await startHost({ api, events: api, port: 0, staticDir, token: 'test-token', password: options.password });
  running.push(host);
  return { api, host, origin: host.url.replace(/\/$/, '') };
}

const bearer = { authorization: 'Bearer test-token' };
const post = (origin: string, method: string, body: unknown, headers: Record<string, string> = bearer): Promise<Response> =>
  fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const errorOf = async (response: Response) => ((await response.json()) as { error: ApiError }).error;

describe('startHost', () => {
  it('prints a tokenised URL on loopback', async () => {
    const { host } = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.tokenUrl).toBe(`${host.url}?token=test-token`);
  });

  it('answers API calls that carry the token, with the method result', async () => {
    const { api, origin } = await start();
    const response = await post(origin, 'getStatus', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ result: { running: false } });
    expect(api.calls).toEqual([{ method: 'getStatus', input: undefined }]);
  });

  it('refuses API calls without the token, or with a wrong one', async () => {
    const { api, origin } = await start();
    const missing = await post(origin, 'syncNow', {}, {});
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).code).toBe('unauthorized');
    expect((await post(origin, 'syncNow', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    expect(api.calls).toEqual([]);
  });

  it('exchanges ?token= for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const { origin } = await start();
    const response = await fetch(`${origin}/devices?tab=2&token=test-token`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/devices?tab=2');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^punchbridge_token=test-token;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const withCookie = await post(origin, 'getStatus', {}, { cookie: 'punchbridge_token=test-token' });
    expect(withCookie.status).toBe(200);
    const page = await fetch(`${origin}/devices`, { headers: { cookie: 'punchbridge_token=test-token' } });
    expect(await page.text()).toContain('Punchbridge UI');
  });

  it('answers 400 with the validation message and never calls the method', async () => {
    const { api, origin } = await start();
    const response = await post(origin, 'addDevice', { input: { name: 'Gate', host: '192.168.1.300' } });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('host: Enter an IPv4 address such as 192.168.1.201 or a host name');
    expect(api.calls).toEqual([]);
  });

  it('passes the parsed argument, defaults filled in', async () => {
    const { api, origin } = await start();
    expect((await post(origin, 'listRuns', { input: {} })).status).toBe(200);
    expect(api.calls).toEqual([{ method: 'listRuns', input: { limit: 50 } }]);
  });

  it('answers 404 for an unknown method and 413 for a body over 1 MiB', async () => {
    const { origin } = await start();
    expect((await post(origin, 'dropDatabase', {})).status).toBe(404);
    const huge = await post(origin, 'queryPunches', { input: { search: 'x'.repeat(1024 * 1024 + 10) } });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('too-large');
  });

  it('takes a file of several MB to import, which other methods may not send', async () => {
    const { origin } = await start();
    const fileOf5MB = Buffer.alloc(5 * 1024 * 1024, 'x').toString('base64');
    const answer = await post(origin, 'previewImport', { input: { fileName: 'big.dat', contentBase64: fileOf5MB } });
    expect(answer.status).toBe(200);
  });

  it('answers 500 without details when the service throws', async () => {
    const api = createFakeApi({
      getStatus: () => {
        throw new Error('database is locked');
      },
    });
    const { origin } = await start({ api });
    const response = await post(origin, 'getStatus', {});
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('database is locked');
  });

  it('streams events as server-sent events', async () => {
    const { api, origin } = await start();
    const controller = new AbortController();
    const response = await fetch(`${origin}/api/events`, { headers: bearer, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    await reader.read(); // the opening comment: the subscription is in place
    api.emit({ type: 'error', error: { code: 'x', message: 'Device offline', action: 'Check it' } });
    let text = '';
    while (!text.includes('\n\n', text.indexOf('data:'))) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('data: {"type":"error","error":{"code":"x","message":"Device offline","action":"Check it"}}\n\n');
    controller.abort();
    await expect.poll(() => api.listenerCount()).toBe(0);
  });

  it('refuses the event stream without the token', async () => {
    const { origin } = await start();
    expect((await fetch(`${origin}/api/events`)).status).toBe(401);
  });

  it('serves index.html for unknown pages, static files as they are, with the security headers', async () => {
    const { origin } = await start();
    const page = await fetch(`${origin}/punches/unmatched`, { headers: bearer });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Punchbridge UI');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await (await fetch(`${origin}/app.js`, { headers: bearer })).text()).toBe('console.log(1)');
  });

  it('serves a static folder given as a relative path', async () => {
    const api = createFakeApi();
    const host = await startHost({ api, events: api, port: 0, staticDir: relative(process.cwd(), staticDir), token: 'test-token' });
    running.push(host);
    expect(await (await fetch(`${host.url}app.js`, { headers: bearer })).text()).toBe('console.log(1)');
  });

  it('does not serve pages without the token', async () => {
    const { origin } = await start();
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).not.toContain('Punchbridge UI');
  });

  it('refuses a Host header that is not this computer (DNS rebinding)', async () => {
    const { host } = await start();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const call = request(host.url, { headers: { host: 'evil.example:80', ...bearer } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      call.on('error', reject).end();
    });
    expect(status).toBe(403);
  });

  it('refuses to listen beyond loopback without a password', async () => {
    const api = createFakeApi();
    const attempt = startHost({ api, events: api, host: '0.0.0.0', port: 0, staticDir });
    await expect(attempt).rejects.toBeInstanceOf(HostStartError);
    await expect(attempt).rejects.toThrow(/will not listen on 0\.0\.0\.0 without a password/);
  });

  it('beyond loopback, signs in with the password through /login', async () => {
    const api = createFakeApi();
    const host = await startHost({ api, events: api, host: '0.0.0.0', port: 0, staticDir, password: 'correct horse' });
    running.push(host);
    const origin = host.url.replace(/\/$/, '');
    const page = await fetch(`${origin}/`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    expect(await (await fetch(`${origin}/login`)).text()).toContain('type="password"');

    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const wrong = await fetch(`${origin}/login`, { method: 'POST', headers: form, body: 'password=guess', redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const right = await fetch(`${origin}/login`, { method: 'POST', headers: form, body: 'password=correct+horse', redirect: 'manual' });
    expect(right.status).toBe(303);
    const cookie = right.headers.get('set-cookie')!.split(';')[0]!;
    expect((await post(origin, 'getStatus', {}, { cookie })).status).toBe(200);
  });

  it('locks the login after repeated wrong passwords', async () => {
    const api = createFakeApi();
    const host = await startHost({ api, events: api, host: '0.0.0.0', port: 0, staticDir, password: 'pw-1234' });
    running.push(host);
    const origin = host.url.replace(/\/$/, '');
    const attempt = (password: string) =>
      fetch(`${origin}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `password=${password}`, redirect: 'manual' });
    for (let index = 0; index < 5; index++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt('pw-1234')).status).toBe(429);
  });

  it('says clearly when the port is taken', async () => {
    const { host } = await start();
    const api = createFakeApi();
    const port = Number(new URL(host.url).port);
    await expect(startHost({ api, events: api, port, staticDir })).rejects.toThrow(/Port \d+ on 127\.0\.0\.1 is already in use/);
  });
});
