import { describe, expect, it } from 'vitest';
import { PUNCHBRIDGE_API_METHODS, parseApiInput } from './contract';

/** The message a bad argument gets, or null when the argument is accepted. */
const refusal = (method: 'addDevice' | 'saveErpnextSettings', input: unknown) => {
  const parsed = parseApiInput(method, input);
  return parsed.ok ? null : parsed.error.message;
};

describe('the PunchbridgeApi contract', () => {
  it('rejects a malformed device address with a message saying what to enter', () => {
    const result = parseApiInput('addDevice', { name: 'Main gate', host: '192.168.1.300' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('host: Enter an IPv4 address such as 192.168.1.201 or a host name');
  });

  it('says what to change when a device address comes with a port or a scheme', () => {
    const hostError = (host: string) => refusal('addDevice', { name: 'Main gate', host });
    expect(hostError('192.168.1.201:4370')).toBe('host: Enter the address without ":port"; the port has its own field');
    expect(hostError('http://192.168.1.201')).toBe('host: Enter only the address, such as 192.168.1.201, without http://');
    expect(hostError('zk-gate.office.lan')).toBeNull();
  });

  it('fills in the defaults of a new device', () => {
    const result = parseApiInput('addDevice', { name: 'Main gate', host: '192.168.1.201' });
    expect(result).toMatchObject({ ok: true, value: { port: 4370, transport: 'auto', logTypeRule: 'auto', timeZone: null } });
  });

  it('refuses an unknown time zone and an ERPNext URL without a scheme', () => {
    expect(parseApiInput('addDevice', { name: 'A', host: '10.0.0.2', timeZone: 'Mars/Olympus' }).ok).toBe(false);
    const settings = parseApiInput('saveErpnextSettings', { url: 'erp.example.com', apiKey: 'k' });
    expect(settings.ok).toBe(false);
  });

  it('takes the site address from a page of the site pasted from the browser', () => {
    const saved = (url: string) => {
      const parsed = parseApiInput('saveErpnextSettings', { url, apiKey: 'k' });
      return parsed.ok ? (parsed.value as { url: string }).url : parsed.error.message;
    };
    expect(saved('https://erp.example.com/app/employee-checkin?employee=HR-EMP-00001')).toBe('https://erp.example.com');
    expect(saved('https://erp.example.com/desk#List/Employee')).toBe('https://erp.example.com');
    expect(saved('https://erp.example.com/')).toBe('https://erp.example.com');
    expect(saved(' http://192.168.1.10:8000 ')).toBe('http://192.168.1.10:8000');
    expect(saved('https://example.com/erp/')).toBe('https://example.com/erp');
  });

  it('says where the parts go when a whole token is pasted as the API key', () => {
    const keyError = (apiKey: string) => refusal('saveErpnextSettings', { url: 'https://erp.example.com', apiKey });
    expect(keyError('4f1c2a9b8e7d6c5:9a8b7c6d5e4f3a2')).toBe('apiKey: This looks like key:secret. Put the part before ":" here and the part after it in API secret');
    expect(keyError('token 4f1c2a9b8e7d6c5')).toBe('apiKey: An API key has no spaces: paste only the key, without "token"');
    expect(keyError(' 4f1c2a9b8e7d6c5 ')).toBeNull();
  });

  it('refuses an argument for a method that takes none', () => {
    expect(parseApiInput('getStatus', { anything: 1 }).ok).toBe(false);
    expect(parseApiInput('getStatus', undefined).ok).toBe(true);
  });

  it('lists every method once', () => {
    expect(new Set(PUNCHBRIDGE_API_METHODS).size).toBe(PUNCHBRIDGE_API_METHODS.length);
    expect(PUNCHBRIDGE_API_METHODS).toContain('syncNow');
  });
});
