import { describe, expect, it } from 'vitest';
import { SecretMask } from './secret-mask';

describe('SecretMask', () => {
  it('masks a registered secret wherever it appears', () => {
    const mask = new SecretMask();
    mask.register('s3cr3t-value-9');
    expect(mask.maskText('push failed with s3cr3t-value-9 in the body')).toBe('push failed with *** in the body');
  });

  it('masks the secret half of a Frappe token header but keeps the key', () => {
    const mask = new SecretMask();
    expect(mask.maskText('Authorization: token 1a2b3c4d:9f8e7d6c5b')).not.toContain('9f8e7d6c5b');
    expect(mask.maskText('sending token 1a2b3c4d:9f8e7d6c5b to erp')).toBe('sending token 1a2b3c4d:*** to erp');
  });

  it('masks Authorization header values of every scheme', () => {
    const mask = new SecretMask();
    expect(mask.maskText('Authorization: Bearer abc.def.ghi')).toBe('Authorization: ***');
    expect(mask.maskText('{"Authorization":"Basic dXNlcjpwYXNz"}')).toBe('{"Authorization":"***"}');
  });

  it('masks comm keys, secrets and passwords written as key=value or JSON', () => {
    const mask = new SecretMask();
    const line = mask.maskText('connect commKey=123456 api_secret: abcdef password="hunter22" {"commKey":"654321"}');
    for (const secret of ['123456', 'abcdef', 'hunter22', '654321']) expect(line).not.toContain(secret);
  });

  it('masks tokens carried in URLs', () => {
    expect(new SecretMask().maskText('open http://127.0.0.1:4380/?token=Zm9vYmFy&x=1')).toBe('open http://127.0.0.1:4380/?token=***&x=1');
  });

  it('masks secret-named fields of logged objects, however deep', () => {
    const text = new SecretMask().describe({ device: { host: '10.0.0.5', commKey: '777777' }, erp: { apiSecret: 'zzzzzz' } });
    expect(text).toContain('10.0.0.5');
    expect(text).not.toContain('777777');
    expect(text).not.toContain('zzzzzz');
  });

  it('masks registered secrets inside error stacks', () => {
    const mask = new SecretMask();
    mask.register('topsecret');
    expect(mask.describe(new Error('refused topsecret'))).not.toContain('topsecret');
  });

  it('leaves ordinary lines alone', () => {
    const line = 'Read 1204 records from Main gate (CKPL123) in 2.1 s; token bucket refilled';
    expect(new SecretMask().maskText(line)).toBe(line);
  });
});
