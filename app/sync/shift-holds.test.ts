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
    queryPunches: (query) => {
      queries++;
      return journal.queryPunches(query);
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
  // The other device has no punches: one count query for it, the count and the earliest for the feeding one.
  expect(punchQueries()).toBe(3);
});
