import Fastify, { type FastifyInstance } from 'fastify';
import { EventSource as NodeEventSource } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { PunchbridgeEvent } from '../../../app/api/contract';
import { createFixtureApi } from '../testing/fixture-api';
import { ApiRequestError, createHttpClient } from './http-client';

// A stand-in for the headless host speaking the HTTP protocol
// of docs/ARCHITECTURE.md over the fixture API.
const servers: FastifyInstance[] = [];
const fixture = createFixtureApi({ scenario: 'full', punchCount: 50 });
const invalid = { code: 'invalid-argument', message: 'host: Enter an IPv4 address such as 192.168.1.201 or a host name', action: 'Correct the highlighted value and try again.' };

async function startHost(options: { eventsRefusedFirst?: boolean } = {}) {
  const server = Fastify({ forceCloseConnections: true });
  const seen: { method: string; body: unknown; authorization?: string }[] = [];
  let eventConnections = 0;
  server.post<{ Params: { method: string }; Body: { input?: unknown } }>('/api/:method', async (request, reply) => {
    seen.push({ method: request.params.method, body: request.body, authorization: request.headers.authorization });
    if (request.headers.authorization !== 'Bearer good') return reply.code(401).send({ error: { code: 'unauthorized', message: 'Wrong token', action: 'Open the printed address again.' } });
    if (request.params.method === 'testDevice' || request.params.method === 'queryPunches') {
      const input = request.body.input as { host?: string; limit?: number };
      if (input.host === 'bad host' || input.limit === 0) return reply.code(400).send({ error: invalid });
    }
    const method = fixture[request.params.method as 'getStatus'] as (input: unknown) => Promise<unknown>;
    return { result: await method(request.body.input) };
  });
  server.get('/api/events', (request, reply) => {
    eventConnections++;
    if (options.eventsRefusedFirst && eventConnections === 1) return reply.code(503).send('restarting');
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const event: PunchbridgeEvent = { type: 'error', error: { code: 'test', message: `connection ${eventConnections}`, action: 'none' } };
    reply.raw.write(`retry: 50\n: keep-alive\n\ndata: ${JSON.stringify(event)}\n\n`);
    // The first stream drops, as when the host restarts; EventSource reconnects.
    if (eventConnections === 1) setTimeout(() => reply.raw.end(), 20);
    request.raw.on('close', () => reply.raw.end());
  });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  return { address, seen, connections: () => eventConnections };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const clientFor = (baseUrl: string, token = 'good') =>
  createHttpClient({ baseUrl, token, EventSource: NodeEventSource as unknown as typeof EventSource, maxReconnectDelayMs: 200 });

describe('createHttpClient', () => {
  it('posts each method with its input and returns the result', async () => {
    const host = await startHost();
    const client = clientFor(host.address);
    const page = await client.queryPunches({ states: ['failed'], limit: 5 });
    expect(page.rows.every((punch) => punch.state === 'failed')).toBe(true);
    const status = await client.getStatus();
    expect(status.devicesConfigured).toBe(true);
    expect(host.seen).toEqual([
      { method: 'queryPunches', body: { input: { states: ['failed'], limit: 5 } }, authorization: 'Bearer good' },
      { method: 'getStatus', body: {}, authorization: 'Bearer good' },
    ]);
  });

  it('turns a refused argument into a Result where the method has one, and a throw where not', async () => {
    const host = await startHost();
    const client = clientFor(host.address);
    expect(await client.testDevice({ host: 'bad host' })).toEqual({ ok: false, error: invalid });
    const thrown = await client.queryPunches({ limit: 0 }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ApiRequestError);
    expect((thrown as ApiRequestError).error).toEqual(invalid);
    expect((thrown as ApiRequestError).status).toBe(400);
  });

  it('reports a missing sign-in with what to do', async () => {
    const host = await startHost();
    const client = clientFor(host.address, 'wrong');
    const result = await client.syncNow();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unauthorized');
    await expect(client.listDevices()).rejects.toMatchObject({ status: 401, error: { code: 'unauthorized' } });
  });

  it('says the service is not answering when nothing listens', async () => {
    const host = await startHost();
    await servers.pop()!.close();
    const client = clientFor(host.address);
    const result = await client.mapUsers({ mappings: [{ userId: '1', employee: 'HR-EMP-00001' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'host-unreachable' } });
    await expect(client.getStatus()).rejects.toMatchObject({ error: { code: 'host-unreachable' } });
  });

  it('delivers events and, each time the stream opens (at first and after it drops), refreshes the status', async () => {
    const host = await startHost();
    const client = clientFor(host.address);
    const events: PunchbridgeEvent[] = [];
    const unsubscribe = client.subscribe((event) => events.push(event));
    await expect.poll(() => events.length, { timeout: 5_000 }).toBe(4);
    unsubscribe();
    // Each fresh status races its stream's first event; all must arrive, the streams in order.
    expect(events.flatMap((event) => (event.type === 'error' ? [event.error.message] : []))).toEqual(['connection 1', 'connection 2']);
    expect(events.filter((event) => event.type === 'status')).toHaveLength(2);
  });

  it('opens the stream again after the host refused it', async () => {
    const host = await startHost({ eventsRefusedFirst: true });
    const client = clientFor(host.address);
    const events: PunchbridgeEvent[] = [];
    const unsubscribe = client.subscribe((event) => events.push(event));
    await expect.poll(() => events.some((event) => event.type === 'error' && event.error.message === 'connection 2'), { timeout: 5_000 }).toBe(true);
    expect(host.connections()).toBe(2);
    unsubscribe();
  });
});
