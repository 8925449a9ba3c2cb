import { describe, expect, it } from 'vitest';
import { describeDeviceIdentity } from './device-identity';

describe('describeDeviceIdentity', () => {
  it('shows a serial number as it is, and says how a device without one is known', () => {
    expect(describeDeviceIdentity('CQZ7231460123')).toEqual({ text: 'CQZ7231460123', explanation: null });
    expect(describeDeviceIdentity('mac:00:17:61:50:42:04')).toEqual({ text: 'MAC 00:17:61:50:42:04', explanation: expect.stringMatching(/no serial number.*MAC address/) });
    expect(describeDeviceIdentity('device:canteen')).toEqual({ text: 'No serial number', explanation: expect.stringContaining('"device:canteen"') });
  });
});
