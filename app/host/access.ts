// Who may use the host: whoever holds the token (the printed link sets it as a cookie once, scripts
// send it as a Bearer header) or, when the host is reachable beyond this computer, whoever knows
// the password, which the /login page exchanges for the same cookie.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { ApiError } from '../api/contract';

export const TOKEN_COOKIE = 'punchbridge_token';

export function newHostToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the time taken reveals nothing about how much of a guess was right. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The name in a Host header, without its port: `[::1]:4380` → `[::1]`, `Erp.LAN:80` → `erp.lan`. */
function hostHeaderName(hostHeader: string): string {
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!;
  return name.toLowerCase();
}

/** The Host header names this computer: refuses DNS-rebinding pages that point their name at 127.0.0.1. */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  return isLoopbackHost(hostHeaderName(hostHeader));
}

/**
 * The names a host listening on `host` beyond loopback answers to: loopback, the address it listens
 * on (or every address of this computer for 0.0.0.0 and ::), this computer's name, and the names the
 * person configured (--host-name). A DNS-rebinding page sends its own name and is refused.
 */
export function hostNamesFor(host: string, configured: readonly string[]): Set<string> {
  const names = new Set(configured.map((name) => name.trim().toLowerCase()).filter(Boolean));
  const everyAddress = host === '0.0.0.0' || host === '::';
  if (!everyAddress) names.add(host.toLowerCase());
  else {
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) names.add(entry.family === 'IPv6' ? `[${entry.address.split('%')[0]!.toLowerCase()}]` : entry.address);
    }
  }
  const computer = hostname().toLowerCase();
  names.add(computer);
  names.add(`${computer.split('.')[0]}.local`);
  return names;
}

export function isKnownHostHeader(hostHeader: string | undefined, names: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  const name = hostHeaderName(hostHeader);
  return isLoopbackHost(name) || names.has(name) || names.has(name.replace(/^\[|\]$/g, ''));
}

/**
 * A browser names the page that sent a request in Origin; one of another site (or the opaque
 * `null` of a sandboxed frame or a file) may not change anything here. Requests without Origin come
 * from scripts and curl, which need the token anyway.
 */
export function isForeignOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() !== (hostHeader ?? '').toLowerCase();
  } catch {
    return true;
  }
}

export const FOREIGN_ORIGIN: ApiError = {
  code: 'foreign-origin',
  message: 'This request came from a page of another site, so Punchbridge did not carry it out.',
  action: 'Use Punchbridge from its own address; if a script sends this, leave out the Origin header.',
};

/** Binding beyond loopback exposes attendance data to the network: only with a password. */
export function checkBinding(host: string, password: string | undefined): ApiError | null {
  if (isLoopbackHost(host) || (password && password.length > 0)) return null;
  return {
    code: 'password-required',
    message: `Punchbridge will not listen on ${host} without a password: anyone on the network could reach it.`,
    action: 'Give a password with --password-file FILE or PUNCHBRIDGE_PASSWORD (or run it in a terminal to be asked), or listen on 127.0.0.1 only.',
  };
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

export const UNAUTHORIZED: ApiError = {
  code: 'unauthorized',
  message: 'This request did not carry the Punchbridge access token.',
  action: 'Open the link that `punchbridge serve` printed, or sign in again.',
};

/**
 * Slows down password guessing: after `limit` wrong passwords from one address in `windowMs`, that
 * address is refused until the window has passed; after `totalLimit` from all addresses together,
 * every address is, so that guessing from many addresses gains nothing.
 */
export class LoginThrottle {
  private failures: { address: string; time: number }[] = [];

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly totalLimit = 20,
  ) {}

  isLocked(address: string): boolean {
    const recent = this.recent();
    return recent.length >= this.totalLimit || recent.filter((failure) => failure.address === address).length >= this.limit;
  }

  recordFailure(address: string): void {
    this.failures = [...this.recent(), { address, time: this.now() }];
  }

  private recent(): { address: string; time: number }[] {
    const since = this.now() - this.windowMs;
    return this.failures.filter((failure) => failure.time > since);
  }
}
