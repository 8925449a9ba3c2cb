import { describe, expect, it } from 'vitest';
import { checkBinding, isLoopbackHost, isLoopbackHostHeader, LoginThrottle } from './access';

describe('host access rules', () => {
  it('treats only this computer\'s own addresses as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'punchbridge.lan', '127.0.0.1.evil.example']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('reads the Host header with and without a port', () => {
    expect(isLoopbackHostHeader('127.0.0.1:4380')).toBe(true);
    expect(isLoopbackHostHeader('[::1]:4380')).toBe(true);
    expect(isLoopbackHostHeader('localhost')).toBe(true);
    expect(isLoopbackHostHeader('attacker.example:4380')).toBe(false);
    expect(isLoopbackHostHeader(undefined)).toBe(false);
  });

  it('needs a password for any address beyond loopback', () => {
    expect(checkBinding('127.0.0.1', undefined)).toBeNull();
    expect(checkBinding('192.168.1.10', 'pw')).toBeNull();
    expect(checkBinding('::', undefined)?.code).toBe('password-required');
    expect(checkBinding('192.168.1.10', '')?.message).toContain('192.168.1.10');
  });

  it('lets login attempts through again once the window has passed', () => {
    let now = 0;
    const throttle = new LoginThrottle(2, 1000, () => now);
    throttle.recordFailure('a');
    throttle.recordFailure('a');
    expect(throttle.isLocked('a')).toBe(true);
    expect(throttle.isLocked('b')).toBe(false);
    now = 1500;
    expect(throttle.isLocked('a')).toBe(false);
  });
});
