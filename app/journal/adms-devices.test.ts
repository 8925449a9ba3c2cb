import { describe, expect, it } from 'vitest';
import { deviceConfig, tempJournal } from './test-support';

describe('ADMS devices', () => {
  it('remembers an unknown terminal, links it on approval, and withdraws the approval with its device', () => {
    const journal = tempJournal();
    journal.noteAdmsRequest('CQZ7232960466', '192.168.1.214');
    journal.noteAdmsRequest('CQZ7232960466', '192.168.1.215');
    expect(journal.listAdmsDevices()).toEqual([
      {
        serialNumber: 'CQZ7232960466',
        approved: false,
        deviceId: null,
        remoteAddress: '192.168.1.215',
        firstSeenAt: '2026-03-02T09:00:00.000Z',
        lastSeenAt: '2026-03-02T09:00:00.000Z',
        punchesReceived: 0,
      },
    ]);

    const device = journal.addDevice(deviceConfig({ name: 'Front door', host: '192.168.1.215' }));
    journal.linkAdmsDevice('CQZ7232960466', device.id);
    journal.saveAdmsStamp('CQZ7232960466', 'ATTLOG', '9911');
    journal.countAdmsPunches('CQZ7232960466', 3);
    expect(journal.admsSerialOf(device.id)).toBe('CQZ7232960466');
    expect(journal.getAdmsDevice('CQZ7232960466')).toMatchObject({ approved: true, deviceId: device.id, attlogStamp: '9911', operlogStamp: '0', punchesReceived: 3 });

    journal.removeDevice(device.id);
    expect(journal.admsSerialOf(device.id)).toBeNull();
    expect(journal.getAdmsDevice('CQZ7232960466')).toMatchObject({ approved: false, deviceId: null, attlogStamp: '9911' });
  });
});
