// The host's gate: every request passes here before any route runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  bearerToken,
  FOREIGN_ORIGIN,
  isForeignOrigin,
  isKnownHostHeader,
  isLoopbackHostHeader,
  LoginThrottle,
  sameSecret,
  TOKEN_COOKIE,
  UNAUTHORIZED,
} from './access';
import { loginPage, tokenMissingPage } from './login-page';

export interface AccessOptions {
  token: string;
  /** Set when the host listens beyond loopback: /login exchanges it for the token cookie. */
  password?: string;
  /** Listening on loopback only: then the Host header must name this computer too. */
  loopbackOnly: boolean;
  /** Beyond loopback: the names and addresses the Host header may carry besides loopback ones (asked per request: DHCP may change them). */
  hostNames: () => ReadonlySet<string>;
}

// Kept for the longest a browser keeps a cookie (400 days): the token outlives restarts of the host,
// so the browser stays signed in until `serve --new-link` replaces it.
const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 400 * 24 * 60 * 60 } as const;

export function registerAccessHooks(app: FastifyInstance, options: AccessOptions): void {
  const { token, password } = options;
  const throttle = new LoginThrottle();
  const holdsToken = (request: FastifyRequest) =>
    sameSecret(request.cookies[TOKEN_COOKIE], token) || sameSecret(bearerToken(request.headers.authorization), token);

  app.addHook('onRequest', async (request, reply) => {
    const knownHost = options.loopbackOnly ? isLoopbackHostHeader(request.headers.host) : isKnownHostHeader(request.headers.host, options.hostNames());
    if (!knownHost) return reply.code(403).type('text/plain').send('This address is not served here.');
    if (request.method !== 'GET' && request.method !== 'HEAD' && isForeignOrigin(request.headers.origin, request.headers.host)) {
      return reply.code(403).send({ error: FOREIGN_ORIGIN });
    }
    const url = new URL(request.url, 'http://localhost');
    const isApi = url.pathname.startsWith('/api/');
    if (password && url.pathname === '/login') return;
    if (!isApi && request.method === 'GET' && url.searchParams.has('token')) return exchangeToken(reply, url);
    if (holdsToken(request)) return;
    if (isApi) return reply.code(401).send({ error: UNAUTHORIZED });
    if (password) return reply.redirect('/login', 303);
    return reply.code(401).type('text/html').send(tokenMissingPage());
  });

  /** The printed link carries the token once; the cookie keeps it, and the address bar loses it. */
  function exchangeToken(reply: FastifyReply, url: URL) {
    if (!sameSecret(url.searchParams.get('token') ?? undefined, token)) {
      return reply.code(401).type('text/html').send(tokenMissingPage());
    }
    url.searchParams.delete('token');
    reply.setCookie(TOKEN_COOKIE, token, COOKIE_OPTIONS);
    return reply.redirect(`${url.pathname}${url.search}`, 302);
  }

  if (!password) return;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.get('/login', (_request, reply) => reply.type('text/html').send(loginPage()));
  app.post('/login', (request, reply) => {
    const address = request.ip;
    if (throttle.isLocked(address)) {
      return reply.code(429).type('text/html').send(loginPage('Too many wrong passwords. Wait a minute and try again.'));
    }
    const given = (request.body as { password?: unknown } | undefined)?.password;
    if (typeof given !== 'string' || !sameSecret(given, password)) {
      throttle.recordFailure(address);
      return reply.code(401).type('text/html').send(loginPage('That password is not right.'));
    }
    reply.setCookie(TOKEN_COOKIE, token, COOKIE_OPTIONS);
    return reply.redirect('/', 303);
  });
}
