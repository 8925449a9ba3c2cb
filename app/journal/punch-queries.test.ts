import { describe, expect, it } from 'vitest';
import { SENT, deviceConfig, punch, tempJournal } from './test-support';

function seeded() {
  const journal = tempJournal();
  const gate = journal.addDevice(deviceConfig({ name: 'Main gate' }));
  const door = journal.addDevice(deviceConfig({ name: 'Back door', host: '192.168.1.202' }));
  journal.insertPunches('GATE01', gate.id, 'zk', [
    punch('101', '2026-02-27 08:00:00'),
    punch('101', '2026-02-28 08:00:00'),
    punch('102', '2026-02-28 08:05:00'),
    punch('103', '2026-03-01 08:10:00'),
  ]);
  journal.insertPunches('DOOR01', door.id, 'live', [punch('101', '2026-02-28 17:00:00', 1), punch('555', '2026-03-01 07:00:00')]);
  journal.upsertDeviceUsers('DOOR01', [{ userId: '555', name: 'Zanele Mbeki', privilege: 0, cardNumber: 0 }]);
  const byKey = new Map(journal.takePendingPunches(100, '2026-03-02T09:00:00.000Z').map((row) => [`${row.deviceSerial}/${row.userId}/${row.deviceTime}`, row.id]));
  const id = (key: string) => byKey.get(key)!;
  journal.markSynced(id('GATE01/101/2026-02-27 08:00:00'), SENT, 'EMP-CKIN-02-2026-000017');
  journal.markSynced(id('GATE01/101/2026-02-28 08:00:00'), SENT, 'EMP-CKIN-02-2026-000018');
  journal.markRejected(id('GATE01/102/2026-02-28 08:05:00'), 'Employee HR-EMP-0102 is not active', { ...SENT, employee: 'HR-EMP-0102', employeeName: 'Bilal Khan' });
  journal.markUnmatched(id('DOOR01/555/2026-03-01 07:00:00'), 'No Employee found for the given employee field value');
  return { journal, gate, door };
}

describe('queryPunches', () => {
  it('pages newest first with the total of all matches', () => {
    const { journal } = seeded();
    const first = journal.queryPunches({ limit: 2 });
    expect(first.total).toBe(6);
    expect(first.rows.map((row) => row.deviceTime)).toEqual(['2026-03-01 08:10:00', '2026-03-01 07:00:00']);
    const last = journal.queryPunches({ limit: 2, offset: 4 });
    expect(last.rows.map((row) => row.deviceTime)).toEqual(['2026-02-28 08:00:00', '2026-02-27 08:00:00']);
  });

  it('filters by date range on the device time, both ends included', () => {
    const { journal } = seeded();
    const page = journal.queryPunches({ from: '2026-02-28', to: '2026-02-28' });
    expect(page.total).toBe(3);
    expect(page.rows.every((row) => row.deviceTime.startsWith('2026-02-28'))).toBe(true);
  });

  it('filters by device, employee and states', () => {
    const { journal, door } = seeded();
    expect(journal.queryPunches({ deviceId: door.id }).rows.map((row) => row.userId)).toEqual(['555', '101']);
    expect(journal.queryPunches({ employee: 'HR-EMP-0001' }).total).toBe(2);
    expect(journal.queryPunches({ states: ['rejected', 'unmatched'] }).rows.map((row) => row.state)).toEqual(['unmatched', 'rejected']);
    expect(journal.queryPunches({ states: ['pending'], deviceId: door.id, from: '2026-02-28', to: '2026-02-28' }).total).toBe(1);
  });

  it('searches user ids, employees and their names, names on the device, checkin names and errors', () => {
    const { journal } = seeded();
    const search = (text: string) => journal.queryPunches({ search: text }).rows.map((row) => `${row.userId}@${row.deviceTime}`);
    expect(search('55')).toEqual(['555@2026-03-01 07:00:00']);
    expect(search('hr-emp-0102')).toEqual(['102@2026-02-28 08:05:00']);
    expect(search('asha')).toEqual(['101@2026-02-28 08:00:00', '101@2026-02-27 08:00:00']);
    expect(search('Zanele')).toEqual(['555@2026-03-01 07:00:00']);
    expect(search('emp-ckin-02-2026-000017')).toEqual(['101@2026-02-27 08:00:00']);
    expect(search('not active')).toEqual(['102@2026-02-28 08:05:00']);
    expect(search('nobody')).toEqual([]);
    expect(journal.queryPunches({ search: '101', deviceId: 'back-door' }).total).toBe(1);
  });

  it('takes % and _ in the search text literally', () => {
    const { journal } = seeded();
    expect(journal.queryPunches({ search: '%' }).total).toBe(0);
    expect(journal.queryPunches({ search: '1_1' }).total).toBe(0);
  });

  it('counts by state', () => {
    const { journal } = seeded();
    expect(journal.countByState()).toEqual({ pending: 2, synced: 2, unmatched: 1, rejected: 1, failed: 0, ignored: 0 });
    expect(journal.queryPunches({ states: ['pending', 'synced'] }).total).toBe(4);
  });
});

describe('listUnmatchedUsers', () => {
  it('lists each unmatched device user with the name on the device, punch count and first/last seen', () => {
    const { journal, door } = seeded();
    journal.insertPunches('DOOR01', door.id, 'live', [punch('555', '2026-03-02 07:00:00')]);
    const newer = journal.queryPunches({ search: '555', states: ['pending'] }).rows[0]!;
    journal.markUnmatched(newer.id, 'No Employee found for the given employee field value');

    expect(journal.listUnmatchedUsers()).toEqual([
      {
        userId: '555',
        deviceId: door.id,
        deviceSerial: 'DOOR01',
        deviceName: 'Back door',
        nameOnDevice: 'Zanele Mbeki',
        punchCount: 2,
        firstSeen: '2026-03-01 07:00:00',
        lastSeen: '2026-03-02 07:00:00',
      },
    ]);
    journal.setMapping({ userId: '555', deviceId: null, employee: 'HR-EMP-0555', employeeName: 'Zanele Mbeki' });
    expect(journal.requeueUser('555', null)).toBe(2);
    expect(journal.listUnmatchedUsers()).toEqual([]);
  });
});
