// The HTTP face of the simulated site: fault switches first, then Frappe's own request handling.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { CheckinStore } from './checkin';
import type { FaultSwitches } from './faults';
import { routeNotFound, htmlPage, renderFailure, unhandledError, type RenderContext } from './frappe-errors';
import type { FrappeFailure } from './frappe-failure';
import { callMethod, isCheckinCommand, type Answer } from './methods';
import type { FrappeVersion } from './options';
import { buildFormDict, isFailure, resolveUser, wantsJson } from './request';
import { handleResource, handleV2Document } from './resources';
import { GUEST, type Site, type SiteUser } from './site';

export interface ServerSettings {
  version: FrappeVersion;
  geolocationRequired: boolean;
  tracebacks: boolean;
  exposeTestRoutes: boolean;
}

export interface ServerState {
  site: Site;
  store: CheckinStore;
  faults: FaultSwitches;
  settings: ServerSettings;
  requestCount: number;
  rateLimitedCount: number;
}

export function buildServer(state: ServerState): FastifyInstance {
  // forceCloseConnections: close() must also end hanging and keep-alive sockets.
  const app = Fastify({ forceCloseConnections: true, bodyLimit: 10 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/__sim/')) return done();
    state.requestCount += 1;
    const ticket = state.faults.beginSiteRateLimit();
    if (ticket) {
      reply.headers(ticket.headers);
      reply.raw.on('finish', () => ticket.finish(state.faults.latencyMs));
      // frappe/app.py: the limiter is applied before the request is handled, and answers itself.
      if (ticket.rejected) {
        state.rateLimitedCount += 1;
        return void reply.code(429).type('text/html; charset=utf-8').send('Too Many Requests');
      }
    }
    applyFaults(state, request, reply, done);
  });
  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/api/*', handler: (request, reply) => handleApi(state, request, reply) });
  if (state.settings.exposeTestRoutes) {
    app.get('/__sim/checkins', async () => ({ data: state.store.checkins }));
  }
  return app;
}

function applyFaults(state: ServerState, request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const action = state.faults.decide();
  if (action.kind === 'drop') {
    reply.hijack();
    request.raw.socket.destroy();
    return;
  }
  if (action.kind === 'hang') {
    reply.hijack();
    return;
  }
  const proceed = () => {
    if (action.kind === 'maintenance') {
      // frappe/app.py: SessionStopped renders the "Updating" page whatever the Accept header.
      const page = htmlPage('Updating', 'The system is being updated. Please refresh again after a few moments.');
      void reply.code(503).type('text/html; charset=utf-8').send(page);
    } else if (action.kind === 'rateLimited') {
      // frappe/rate_limiter.py respond(): a plain "Too Many
      // Requests" with Retry-After (docs/frappe-hr.md §3.7).
      void reply
        .code(429)
        .headers({ 'retry-after': String(action.retryAfterSeconds), 'x-ratelimit-limit': String(action.limit), 'x-ratelimit-remaining': '0' })
        .type('text/html; charset=utf-8')
        .send('Too Many Requests');
    } else if (action.kind === 'front') {
      const { status, location, html } = action.answer;
      if (location) void reply.code(status).header('location', location).type('text/html').send(nginxPage(status));
      else void reply.code(status).type('text/html; charset=utf-8').send(html ?? nginxPage(status));
    } else if (action.kind === 'serverError') {
      const failure = unhandledError('OperationalError', 'pymysql.err.OperationalError', "(2013, 'Lost connection to MySQL server during query')");
      sendFailure(reply, failure, renderContext(state, request, GUEST, apiOf(state, request.url)));
    } else {
      done();
    }
  };
  const latency = state.faults.latencyMs;
  if (latency > 0) setTimeout(proceed, latency);
  else proceed();
}

async function handleApi(state: ServerState, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const url = new URL(request.url, 'http://simulator');
  const segments = decodeSegments(url.pathname);
  const api = segments?.[1] === 'v2' && state.settings.version >= 15 ? 'v2' : 'v1';
  const resolved = resolveUser(state.site, request.headers.authorization);
  const user = isFailure(resolved) ? GUEST : resolved;
  const context = renderContext(state, request, user, api);
  if (isFailure(resolved)) return sendFailure(reply, resolved, context);
  const body = typeof request.body === 'string' ? request.body : '';
  const formDict = buildFormDict(request.headers, url.searchParams, body);
  if (isFailure(formDict)) return sendFailure(reply, formDict, context);
  delete formDict.cmd;
  const siteUrl = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  const answer = route(state, segments ?? [], { user, formDict, siteUrl, body, httpMethod: request.method });
  if (!answer.ok) return sendFailure(reply, answer.failure, context);
  if (answer.commit && !(await commitThenAnswer(state, answer.commit, request, reply))) return;
  const key = api === 'v2' || segments?.[1] === 'resource' ? 'data' : 'message';
  await reply.code(200).type('application/json').send(JSON.stringify({ [key]: answer.value, ...answer.extra }));
}

/**
 * The end of a request that created a checkin: the commit, as late as the slow-commit switch says
 * (past the worker timeout the worker is killed and nothing is committed), then the answer, unless
 * the lost-answer switch drops it. False when the answer was not sent.
 */
async function commitThenAnswer(state: ServerState, commit: () => void, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const plan = state.faults.decideCommit();
  if (plan.delayMs >= state.faults.workerTimeoutMs) {
    await delay(state.faults.workerTimeoutMs);
    await reply.code(502).type('text/html').send(nginxPage(502));
    return false;
  }
  if (plan.delayMs > 0) await delay(plan.delayMs);
  commit();
  if (plan.lost === null) return true;
  if (plan.lost === 'timeout') {
    reply.hijack();
  } else if (plan.lost === 'reset') {
    reply.hijack();
    request.raw.socket.destroy();
  } else {
    await reply.code(plan.lost === 'bad-gateway' ? 502 : 504).type('text/html').send(nginxPage(plan.lost === 'bad-gateway' ? 502 : 504));
  }
  return false;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const STATUS_TEXT: Record<number, string> = {
  301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 403: 'Forbidden',
  408: 'Request Time-out', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/** The page nginx answers with for a status it makes itself. */
function nginxPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

interface Call {
  user: SiteUser;
  formDict: Record<string, unknown>;
  siteUrl: string;
  body: string;
  httpMethod: string;
}

function route(state: ServerState, segments: string[] | undefined, call: Call): Answer {
  const { version, geolocationRequired } = state.settings;
  const methodCall = { ...call, site: state.site, store: state.store, version, geolocationRequired };
  if (!segments) return notFound();
  const [, area, ...rest] = segments;
  if (area === 'method' && rest.length > 0) return callMethod(methodCall, rest.join('/'));
  if (area === 'resource' && rest.length > 0) return handleResource(methodCall, call.httpMethod, call.body, rest);
  if (area === 'v2' && version >= 15 && rest[0] === 'method' && rest.length > 1) {
    const command = rest.slice(1).join('/');
    // v2 serves the doctype route and plain dotted paths alike.
    return callMethod(methodCall, isCheckinCommand(version, command) || !command.includes('/') ? command : '');
  }
  if (area === 'v2' && version >= 15 && rest[0] === 'document' && rest.length > 1) return handleV2Document(methodCall, call.httpMethod, call.body, rest.slice(1));
  return notFound();
}

function notFound(): Answer {
  return { ok: false, failure: routeNotFound() };
}

/** `/api/resource/Shift%20Type/Day%20Shift` → ['api', 'resource', 'Shift Type', 'Day Shift']. */
function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function apiOf(state: ServerState, url: string): 'v1' | 'v2' {
  return url.startsWith('/api/v2/') && state.settings.version >= 15 ? 'v2' : 'v1';
}

function renderContext(state: ServerState, request: FastifyRequest, user: SiteUser, api: 'v1' | 'v2'): RenderContext {
  const { version, tracebacks } = state.settings;
  return {
    api,
    showTraceback: tracebacks && user !== GUEST,
    tagMessages: version >= 15,
    htmlPage: version === 13 && !wantsJson(request.headers),
    language: user.language,
  };
}

function sendFailure(reply: FastifyReply, failure: FrappeFailure, context: RenderContext): void {
  const answer = renderFailure(failure, context);
  void reply.code(answer.status).type(answer.contentType).send(answer.body);
}
