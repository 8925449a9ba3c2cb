import { describe, expect, it } from 'vitest';
import { PUNCHBRIDGE_API_METHODS, parseApiInput } from './contract';

describe('the PunchbridgeApi contract', () => {
  it('rejects a malformed device address with a message saying what to enter', () => {
    const result = parseApiInput('addDevice', { name: 'Main gate', host: '192.168.1.300' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('host: Enter an IPv4 address such as 192.168.1.201 or a host name');
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

  it('refuses an argument for a method that takes none', () => {
    expect(parseApiInput('getStatus', { anything: 1 }).ok).toBe(false);
    expect(parseApiInput('getStatus', undefined).ok).toBe(true);
  });

  it('lists every method once', () => {
    expect(new Set(PUNCHBRIDGE_API_METHODS).size).toBe(PUNCHBRIDGE_API_METHODS.length);
    expect(PUNCHBRIDGE_API_METHODS).toContain('syncNow');
  });
});
