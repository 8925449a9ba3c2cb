// The status names the punches that hold a Shift Type back; it is read after every event, so what
// it costs on a journal of a million waiting punches matters as much as what it says.
import { expect, it } from 'vitest';
import { deviceConfig, punch, tempJournal } from '../journal/test-support';
import type { Journal } from '../journal';
import { listShiftHolds } from './shift-holds';

function journalWithWaitingPunches(): { journal: Journal; deviceId: string; punchQueries: () => number } {
  const journal = tempJournal();
  const device = journal.addDevice(deviceConfig());
  journal.insertPunches('CQZ7232960466', device.id, 'file', [punch('7', '2026-03-01 08:58:00'), punch('7', '2026-03-01 17:02:00'), punch('8', '2026-02-28 09:10:00')]);
  let queries = 0;
  const counted: Journal = {
    ...journal,
    earliestInStates: (deviceId, states) => {
      queries++;
      return journal.earliestInStates(deviceId, states);
    },
  };
  return { journal: counted, deviceId: device.id, punchQueries: () => queries };
}

it('reads no punches when no Shift Type is configured', () => {
  const { journal, punchQueries } = journalWithWaitingPunches();
  expect(listShiftHolds(journal, [])).toEqual([]);
  expect(punchQueries()).toBe(0);
});

it('reads only the devices that feed a configured Shift Type', () => {
  const { journal, deviceId, punchQueries } = journalWithWaitingPunches();
  const other = journal.addDevice(deviceConfig({ name: 'Back door', host: '192.168.1.202' }));
  expect(listShiftHolds(journal, [{ name: 'Night Shift', deviceIds: [other.id] }])).toEqual([]);
  const holds = listShiftHolds(journal, [{ name: 'Day Shift', deviceIds: [deviceId] }]);
  expect(holds.map((hold) => ({ shift: hold.shift, count: hold.count, first: `${hold.first.userId} ${hold.first.deviceTime}` }))).toEqual([
    { shift: 'Day Shift', count: 3, first: '8 2026-02-28 09:10:00' },
  ]);
  // One look at each device that feeds a shift: the other device (no punches) and this one.
  expect(punchQueries()).toBe(2);
});

it('finds the earliest waiting punch across the states and serials of a device, not a synced or ignored one', () => {
  const journal = tempJournal();
  const device = journal.addDevice(deviceConfig());
  journal.insertPunches('CQZ7232960466', device.id, 'zk', [punch('1', '2026-02-01 08:00:00'), punch('2', '2026-02-03 08:00:00'), punch('3', '2026-02-04 08:00:00')]);
  // The terminal's board was swapped: its later punches carry a new serial.
  journal.insertPunches('CQZ7232960999', device.id, 'zk', [punch('4', '2026-02-02 09:00:00'), punch('5', '2026-02-05 09:00:00')]);
  const idOf = (userId: string) => journal.queryPunches({ search: userId, limit: 10 }).rows.find((row) => row.userId === userId)!.id;
  journal.markSynced(idOf('1'), { serverTime: '2026-02-01 08:00:00', logType: 'IN', timeNote: null, employee: 'HR-EMP-00001' }, 'EMP-CKIN-1');
  journal.markIgnored([idOf('4')]);
  journal.markRejected(idOf('3'), 'Inactive Employee');

  const holds = listShiftHolds(journal, [{ name: 'Day Shift', deviceIds: [] }]);

  expect(holds.map((hold) => ({ count: hold.count, first: `${hold.first.userId} ${hold.first.deviceTime} ${hold.first.state}` }))).toEqual([
    { count: 3, first: '2 2026-02-03 08:00:00 pending' },
  ]);
});
