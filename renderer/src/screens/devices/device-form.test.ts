import { describe, expect, it } from 'vitest';
import { timeZoneOptions } from '../../lib/time-zones';
import { fixtureDevices } from '../../testing/fixture-data';
import { deviceToForm, newDeviceForm, parseStateCodes, toDeviceInput, validateDeviceForm } from './device-form';

const filled = { ...newDeviceForm(), name: 'Main gate', host: '192.168.1.201' };

describe('validateDeviceForm', () => {
  it('accepts a complete device', () => {
    expect(validateDeviceForm(filled)).toEqual({});
  });

  it('explains a bad address, a missing name and a bad comm key in plain words', () => {
    const errors = validateDeviceForm({ ...filled, name: ' ', host: '192.168.1.300', commKey: '12ab' });
    expect(errors.name).toBe('Give the device a name, such as "Main gate"');
    expect(errors.host).toBe('Enter an IPv4 address such as 192.168.1.201 or a host name');
    expect(errors.commKey).toBe('The comm key is a number of up to 6 digits, as set on the device');
  });

  it('asks for a port and a sensible percentage', () => {
    expect(validateDeviceForm({ ...filled, port: '' }).port).toMatch(/Enter the port/);
    expect(validateDeviceForm({ ...filled, port: 70000 }).port).toBe('Ports run from 1 to 65535');
    expect(validateDeviceForm({ ...filled, clearMode: 'when-fuller-than', clearPercent: 0 }).clearPercent).toBe('Enter a percentage from 1 to 100');
  });

  it('checks IN/OUT codes only when the rule uses them', () => {
    expect(validateDeviceForm({ ...filled, inStates: '0, x' }).inStates).toMatch(/numbers separated by commas/);
    expect(validateDeviceForm({ ...filled, logTypeRule: 'in', inStates: '0, x' }).inStates).toBeUndefined();
  });
});

describe('toDeviceInput', () => {
  it('keeps a stored comm key unless the user changes or clears it', () => {
    const stored = deviceToForm(fixtureDevices()[0]!);
    expect(stored.commKeyChoice).toBe('keep');
    expect('commKey' in toDeviceInput(stored)).toBe(false);
    expect(toDeviceInput({ ...stored, commKeyChoice: 'clear' }).commKey).toBe('');
    expect(toDeviceInput({ ...stored, commKeyChoice: 'change', commKey: ' 1234 ' }).commKey).toBe('1234');
  });

  it('turns the form into the contract shape', () => {
    const input = toDeviceInput({ ...filled, clearMode: 'when-fuller-than', clearPercent: 80, inStates: '0 4', outStates: '1,5' });
    expect(input).toMatchObject({ port: 4370, clearPolicy: { mode: 'when-fuller-than', percent: 80 }, inStates: [0, 4], outStates: [1, 5], timeZone: null });
  });

  it('shows a zone stored under its old name by the name in the picker', () => {
    const device = { ...fixtureDevices()[0]!, timeZone: 'Asia/Calcutta' };
    const zone = deviceToForm(device).timeZone;
    expect(zone).toBe('Asia/Kolkata');
    expect(timeZoneOptions().map((option) => option.value)).toContain(zone);
    expect(timeZoneOptions().map((option) => option.value)).toContain('UTC');
  });

  it('parses state code lists', () => {
    expect(parseStateCodes('0, 4')).toEqual([0, 4]);
    expect(parseStateCodes('')).toEqual([]);
    expect(parseStateCodes('in')).toBeNull();
  });
});

describe('the timeout field', () => {
  it('carries the timeout to the device input and back, and explains a value out of range', () => {
    expect(toDeviceInput({ ...filled, timeoutSeconds: 120 }).timeoutSeconds).toBe(120);
    expect(deviceToForm({ ...fixtureDevices()[0]!, timeoutSeconds: 90 }).timeoutSeconds).toBe(90);
    expect(validateDeviceForm({ ...filled, timeoutSeconds: 2 }).timeoutSeconds).toBe('The timeout runs from 5 to 600 seconds');
    expect(validateDeviceForm({ ...filled, timeoutSeconds: '' }).timeoutSeconds).toBe('The timeout runs from 5 to 600 seconds');
  });
});
