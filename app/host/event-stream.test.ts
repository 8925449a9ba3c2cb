import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from './fake-api';
import { registerEventStream } from './event-stream';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe('the event stream', () => {
  it('sends a keep-alive comment while nothing happens, and ends open streams on request', async () => {
    const events = createFakeApi();
    const app = Fastify({ forceCloseConnections: true });
    apps.push(app);
    const streams = registerEventStream(app, events, 20);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/api/events`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes(': keep-alive\n\n')) text += new TextDecoder().decode((await reader.read()).value);

    streams.endAll();
    let done = false;
    while (!done) done = (await reader.read()).done;
    await expect.poll(() => events.listenerCount()).toBe(0);
  });
});
