// Who may use the host: whoever holds the token (the printed link sets it as a cookie once, scripts
// send it as a Bearer header) or, when the host is reachable beyond this computer, whoever knows
// the password, which the /login page exchanges for the same cookie.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { isIP } from 'node:net';
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

/** The Host header names this computer: refuses DNS-rebinding pages that point their name at 127.0.0.1. */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!;
  return isLoopbackHost(name);
}

/** Binding beyond loopback exposes attendance data to the network: only with a password. */
export function checkBinding(host: string, password: string | undefined): ApiError | null {
  if (isLoopbackHost(host) || (password && password.length > 0)) return null;
  return {
    code: 'password-required',
    message: `Punchbridge will not listen on ${host} without a password: anyone on the network could reach it.`,
    action: 'Add --password (or set PUNCHBRIDGE_PASSWORD), or listen on 127.0.0.1 only.',
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
 * Slows down password guessing: after `limit` wrong passwords in `windowMs`, every attempt is
 * refused until the window has passed. Counted per remote address.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  isLocked(address: string): boolean {
    return this.recent(address).length >= this.limit;
  }

  recordFailure(address: string): void {
    this.failures.set(address, [...this.recent(address), this.now()]);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((time) => time > since);
  }
}
