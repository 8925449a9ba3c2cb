// The host beyond loopback, attacked from the LAN: password guessing from many
// addresses, DNS-rebinding pages under a foreign Host name, and cross-site posts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeApi } from './fake-api';
import { startHost, type RunningHost } from './server';

let staticDir: string;
beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'punchbridge-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Punchbridge UI</title>');
  return () => rmSync(staticDir, { recursive: true, force: true });
});

const running: RunningHost[] = [];
afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
});

async function startBeyondLoopback(hostNames: string[] = []): Promise<{ port: number }> {
  const api = createFakeApi();
  const host = await startHost({ api, events: api, host: '0.0.0.0', port: 0, staticDir, token: 'test-token', password: 'correct horse', hostNames });
  running.push(host);
  return { port: Number(new URL(host.url).port) };
}

interface Exchange {
  status: number;
  body: string;
}

/** One request to the host, from `localAddress` (127.x.y.z), with whatever Host and Origin a page would send. */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string }): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const guess = (port: number, password: string, localAddress: string) =>
  send(port, '/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `password=${encodeURIComponent(password)}`, localAddress });

describe('password mode', () => {
  it('throttles guesses over all addresses together, not only per address', async () => {
    const { port } = await startBeyondLoopback();
    const statuses: number[] = [];
    for (let index = 0; index < 200; index++) statuses.push((await guess(port, `guess-${index}`, `127.0.1.${(index % 40) + 1}`)).status);
    const checked = statuses.filter((status) => status === 401).length;
    expect(checked).toBeLessThanOrEqual(30);
    expect(statuses.filter((status) => status === 429).length).toBe(200 - checked);
  });

  it('answers only under this computer\'s names and addresses, and the configured ones', async () => {
    const { port } = await startBeyondLoopback(['punchbridge.office.lan']);
    expect((await send(port, '/', { headers: { host: `rebinding.attacker.example:${port}` } })).status).toBe(403);
    expect((await send(port, '/', { headers: { host: `punchbridge.office.lan:${port}` } })).status).toBe(303);
    expect((await send(port, '/', { headers: { host: `127.0.0.1:${port}` } })).status).toBe(303);
  });

  it('refuses a state-changing call from a page of another origin', async () => {
    const { port } = await startBeyondLoopback();
    const call = (origin?: string) =>
      send(port, '/api/addDevice', {
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, authorization: 'Bearer test-token', 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: JSON.stringify({ input: { name: 'Gate', host: '192.168.1.201' } }),
      });
    const foreign = await call('http://attacker.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatch(/another site/);
    expect((await call('null')).status).toBe(403);
    expect((await call(`http://127.0.0.1:${port}`)).status).toBe(200);
    // Scripts send no Origin; their Bearer token is what lets them in.
    expect((await call()).status).toBe(200);
    const login = await send(port, '/login', { method: 'POST', headers: { host: `127.0.0.1:${port}`, origin: 'http://attacker.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=correct+horse' });
    expect(login.status).toBe(403);
  });
});
