import { describe, expect, it } from 'vitest';
import { UNAPPROVED_TERMINALS_KEPT } from './adms-devices';
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
        approvedAddress: null,
        movedToAddress: null,
        movedAt: null,
        firstSeenAt: '2026-03-02T09:00:00.000Z',
        lastSeenAt: '2026-03-02T09:00:00.000Z',
        punchesReceived: 0,
      },
    ]);

    const device = journal.addDevice(deviceConfig({ name: 'Front door', host: '192.168.1.215' }));
    journal.linkAdmsDevice('CQZ7232960466', device.id, '192.168.1.215');
    journal.saveAdmsStamp('CQZ7232960466', 'ATTLOG', '9911');
    journal.countAdmsPunches('CQZ7232960466', 3);
    expect(journal.admsSerialOf(device.id)).toBe('CQZ7232960466');
    expect(journal.getAdmsDevice('CQZ7232960466')).toMatchObject({ approved: true, deviceId: device.id, attlogStamp: '9911', operlogStamp: '0', punchesReceived: 3 });

    journal.removeDevice(device.id);
    expect(journal.admsSerialOf(device.id)).toBeNull();
    expect(journal.getAdmsDevice('CQZ7232960466')).toMatchObject({ approved: false, deviceId: null, attlogStamp: '9911' });
  });

  it('keeps only the most recently heard strangers, and never forgets an approved terminal', () => {
    let tick = Date.parse('2026-03-02T09:00:00.000Z');
    const journal = tempJournal(undefined, () => new Date((tick += 1000)));
    journal.noteAdmsRequest('APPROVED0001', '192.168.1.10');
    journal.linkAdmsDevice('APPROVED0001', journal.addDevice(deviceConfig({ name: 'Front door' })).id, '192.168.1.10');
    journal.noteAdmsRequest('STRANGER0000', '10.0.0.1');
    for (let index = 1; index <= UNAPPROVED_TERMINALS_KEPT + 10; index++) {
      journal.noteAdmsRequest(`STRANGER${String(index).padStart(4, '0')}`, '10.0.0.2');
      // The first stranger keeps knocking, so it stays on the list.
      journal.noteAdmsRequest('STRANGER0000', '10.0.0.1');
    }
    const listed = journal.listAdmsDevices();
    expect(listed.filter((device) => !device.approved)).toHaveLength(UNAPPROVED_TERMINALS_KEPT);
    expect(listed.map((device) => device.serialNumber)).toContain('STRANGER0000');
    expect(listed.map((device) => device.serialNumber)).toContain('APPROVED0001');
    expect(listed.map((device) => device.serialNumber)).not.toContain('STRANGER0001');
    expect(listed.map((device) => device.serialNumber)).toContain(`STRANGER${String(UNAPPROVED_TERMINALS_KEPT + 10).padStart(4, '0')}`);
  });
});
