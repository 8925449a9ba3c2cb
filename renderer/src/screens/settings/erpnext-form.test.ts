import { describe, expect, it } from 'vitest';
import { erpnextToForm, toErpnextInput, validateErpnextForm } from './erpnext-form';

const filled = { ...erpnextToForm(null), url: 'https://erp.example.com', apiKey: 'abc', apiSecret: 'secret' };

describe('validateErpnextForm', () => {
  it('accepts a complete first setup', () => {
    expect(validateErpnextForm(filled, false)).toEqual({});
  });

  it('explains a bad address and a missing key', () => {
    const errors = validateErpnextForm({ ...filled, url: 'erp.example.com', apiKey: ' ' }, false);
    expect(errors.url).toBe('Enter the full address of your ERPNext site, such as https://erp.example.com');
    expect(errors.apiKey).toBe('Enter the API key from your ERPNext user (User > API Access)');
  });

  it('needs a secret only when none is stored', () => {
    expect(validateErpnextForm({ ...filled, apiSecret: '' }, false).apiSecret).toBe('Enter the API secret');
    expect(validateErpnextForm({ ...filled, apiSecret: '' }, true).apiSecret).toBeUndefined();
  });

  it('wants both coordinates or neither', () => {
    expect(validateErpnextForm({ ...filled, latitude: 18.5 }, true).longitude).toMatch(/both latitude and longitude/);
    expect(validateErpnextForm({ ...filled, latitude: 95, longitude: 10 }, true).latitude).toBeDefined();
  });
});

describe('toErpnextInput', () => {
  it('leaves the stored secret alone when the field is empty', () => {
    expect('apiSecret' in toErpnextInput({ ...filled, apiSecret: '' })).toBe(false);
    expect(toErpnextInput(filled).apiSecret).toBe('secret');
    expect(toErpnextInput({ ...filled, caFile: '  ' }).caFile).toBeNull();
  });
});
