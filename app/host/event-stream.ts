// GET /api/events: server-sent events, one `data:` line of JSON per PunchbridgeEvent.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { PunchbridgeEvents } from '../api/contract';
import { NO_STORE, SECURITY_HEADERS } from './security-headers';

/** Proxies and browsers drop a silent connection; a comment line keeps it open. */
const KEEP_ALIVE_MS = 15_000;

export interface EventStreams {
  /** End every open stream, so the server can close without waiting for browsers to hang up. */
  endAll(): void;
}

export function registerEventStream(app: FastifyInstance, events: PunchbridgeEvents, keepAliveMs = KEEP_ALIVE_MS): EventStreams {
  const open = new Set<ServerResponse>();

  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': NO_STORE,
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = events.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
    open.add(response);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      open.delete(response);
    });
  });

  return {
    endAll() {
      for (const response of open) response.end();
    },
  };
}
