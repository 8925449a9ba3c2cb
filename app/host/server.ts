// The headless host: the built renderer and the PunchbridgeApi over HTTP with server-sent events
// (docs/ARCHITECTURE.md, "The host's HTTP protocol"). Loopback and a token by default; a password
// beyond loopback.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { ApiError, PunchbridgeApi, PunchbridgeEvents } from '../api/contract';
import { createLogger } from '../log';
import { checkBinding, hostNamesFor, isLoopbackHost, newHostToken } from './access';
import { registerAccessHooks } from './access-hooks';
import { INTERNAL_ERROR } from '../api';
import { registerApiRoutes } from './api-routes';
import { registerEventStream } from './event-stream';
import { NO_STORE, SECURITY_HEADERS } from './security-headers';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4380;
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HostOptions {
  api: PunchbridgeApi;
  events: PunchbridgeEvents;
  host?: string;
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Fixed token, e.g. for scripts; a fresh random one otherwise. */
  token?: string;
  /** Required when host is not a loopback address. */
  password?: string;
  /** Names people reach this computer by (punchbridge.office.lan) besides its addresses; beyond loopback only. */
  hostNames?: readonly string[];
}

export interface RunningHost {
  /** The address to show people, without the token. */
  url: string;
  /** The address that signs the browser in: open it once. */
  tokenUrl: string;
  token: string;
  close(): Promise<void>;
}

/** Thrown when the host cannot start for a reason a person can fix; `apiError` says what to do. */
export class HostStartError extends Error {
  constructor(readonly apiError: ApiError) {
    super(`${apiError.message} ${apiError.action}`);
    this.name = 'HostStartError';
  }
}

const log = createLogger('host');

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? DEFAULT_HOST;
  const refusal = checkBinding(host, options.password);
  if (refusal) throw new HostStartError(refusal);
  const token = options.token ?? newHostToken();

  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, forceCloseConnections: true });
  app.setErrorHandler(answerError);
  await app.register(fastifyCookie);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (request.url.startsWith('/api/')) reply.header('cache-control', NO_STORE);
    return payload;
  });
  registerAccessHooks(app, { token, password: options.password, loopbackOnly: isLoopbackHost(host), hostNames: () => hostNamesFor(host, options.hostNames ?? []) });
  registerApiRoutes(app, options.api, log);
  const streams = registerEventStream(app, options.events);
  await registerStaticFiles(app, options.staticDir);

  const port = await listen(app, host, options.port ?? DEFAULT_PORT);
  const url = `http://${displayHost(host)}:${port}/`;
  log.info(`Listening on ${url}`);
  return {
    url,
    tokenUrl: `${url}?token=${token}`,
    token,
    async close() {
      streams.endAll();
      await app.close();
    },
  };
}

async function registerStaticFiles(app: FastifyInstance, staticDir: string): Promise<void> {
  const built = existsSync(join(staticDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: resolve(staticDir) });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({
        error: { code: 'not-found', message: `There is no API method at ${request.url.split('?')[0]}.`, action: 'Check the method name against the contract.' },
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply.code(404).send();
    // The UI routes on the client: every unknown page is the app itself.
    if (built) return reply.sendFile('index.html');
    return reply.code(503).type('text/plain').send('The Punchbridge UI is not built yet. Run `npm run build` in the project folder.');
  });
}

function answerError(error: FastifyError, _request: unknown, reply: import('fastify').FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status === 413) {
    return reply.code(413).send({
      error: { code: 'too-large', message: 'The request is larger than the host accepts (1 MiB, or 20 MB for a file to import).', action: 'Send less at once, or split the file.' },
    });
  }
  if (status >= 400 && status < 500) {
    return reply.code(status).send({
      error: { code: 'invalid-argument', message: `The request was not understood: ${error.message}`, action: 'Send a JSON body such as {"input": ...}.' },
    });
  }
  log.error('Request failed', error);
  return reply.code(500).send({ error: INTERNAL_ERROR });
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<number> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new HostStartError({
        code: 'port-in-use',
        message: `Port ${port} on ${host} is already in use; maybe Punchbridge is already running.`,
        action: 'Open the running one, or choose another port with --port.',
      });
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new HostStartError({
        code: 'bad-address',
        message: `This computer has no address ${host} to listen on.`,
        action: 'Use 127.0.0.1, 0.0.0.0 (all addresses) or one of this computer\'s own addresses.',
      });
    }
    throw error;
  }
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
