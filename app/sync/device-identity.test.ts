import { describe, expect, it } from 'vitest';
import { ZkError } from '../zk';
import { claimIdentity, readReportedIdentity } from './device-identity';

const answers = (serial: string | Error, mac: string | Error) => ({
  getSerialNumber: () => (serial instanceof Error ? Promise.reject(serial) : Promise.resolve(serial)),
  getMacAddress: () => (mac instanceof Error ? Promise.reject(mac) : Promise.resolve(mac)),
});
const refused = () => new ZkError('device-refused', 'The device refused it.', 'Nothing.');
const device = { id: 'back-door', name: 'Back door' };

describe('device identity', () => {
  it('takes the serial number when the device gives one, and asks nothing more', async () => {
    expect(await readReportedIdentity(answers(' AF4C211360651 ', refused()))).toEqual({ serialNumber: 'AF4C211360651', macAddress: null });
  });

  it('falls back to the MAC address, written one way, and ignores unset factory MACs', async () => {
    expect(await readReportedIdentity(answers('', '00-17-61-AB-42-01'))).toEqual({ serialNumber: null, macAddress: '00:17:61:ab:42:01' });
    expect(await readReportedIdentity(answers(refused(), '00:00:00:00:00:00'))).toEqual({ serialNumber: null, macAddress: null });
    expect(await readReportedIdentity(answers(refused(), 'ff:ff:ff:ff:ff:ff'))).toEqual({ serialNumber: null, macAddress: null });
  });

  it('lets a connection failure through: only a refusal means "no serial"', async () => {
    const lost = new ZkError('connection-lost', 'Gone.', 'Retry.');
    await expect(readReportedIdentity(answers(lost, '00:17:61:50:42:01'))).rejects.toBe(lost);
  });

  it('assigns the device its own identity when it reports neither, and keeps a twin apart', () => {
    expect(claimIdentity({ serialNumber: null, macAddress: null }, device, () => null)).toEqual({ serial: 'device:back-door', source: 'assigned', warning: null });
    expect(claimIdentity({ serialNumber: null, macAddress: '00:17:61:50:42:01' }, device, () => null).serial).toBe('mac:00:17:61:50:42:01');
    expect(claimIdentity({ serialNumber: 'S1', macAddress: null }, device, () => ({ deviceId: 'back-door', name: 'Back door' })).serial).toBe('S1');
    const twin = claimIdentity({ serialNumber: 'S1', macAddress: null }, device, () => ({ deviceId: 'front', name: 'Front' }));
    expect(twin).toMatchObject({ serial: 'device:back-door', source: 'assigned' });
    expect(twin.warning).toMatch(/Back door reports the serial number S1, which Front also reports/);
  });
});
