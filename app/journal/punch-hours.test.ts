import { describe, expect, it } from 'vitest';
import { deviceConfig, punch, tempJournal } from './test-support';

describe('punches by hour', () => {
  it('counts one device’s punches per day and hour in the range', () => {
    const journal = tempJournal();
    const gate = journal.addDevice(deviceConfig());
    journal.recordDeviceRead(gate.id, { serialNumber: 'CQZ7200001', readAt: '2026-03-02T09:00:00.000Z', clockSkewSeconds: 0, recordCount: 4, recordCapacity: 100_000 });
    journal.insertPunches('CQZ7200001', gate.id, 'zk', [
      punch('1', '2026-02-23 08:01:00'),
      punch('2', '2026-02-23 08:59:59'),
      punch('1', '2026-02-23 17:30:00'),
      punch('1', '2026-01-01 08:00:00'),
    ]);
    journal.insertPunches('CQZ7200002', null, 'zk', [punch('9', '2026-02-23 08:10:00')]);
    expect(journal.countPunchesByHour(gate.id, '2026-02-02', '2026-03-03')).toEqual([
      { day: '2026-02-23', hour: 8, count: 2 },
      { day: '2026-02-23', hour: 17, count: 1 },
    ]);
  });

  it('counts every hour of whole days on the device clock, the empty ones as 0, each second in its own hour', () => {
    const journal = tempJournal();
    const gate = journal.addDevice(deviceConfig());
    journal.insertPunches('CQZ7200001', gate.id, 'zk', [
      punch('1', '2026-02-28 23:59:59'), // the day before: not asked for
      punch('1', '2026-03-01 00:00:00'),
      punch('2', '2026-03-01 08:59:59'),
      punch('3', '2026-03-01 09:00:00'),
      punch('1', '2026-03-02 23:59:59'),
      punch('1', '2026-03-03 00:00:00'), // the day after
    ]);
    journal.insertPunches('CQZ7200002', null, 'zk', [punch('9', '2026-03-01 08:10:00')]);
    const hours = journal.countPunchesInHours(gate.id, '2026-03-01', 2);
    expect(hours).toHaveLength(48);
    expect(hours[0]).toEqual({ day: '2026-03-01', hour: 0, count: 1 });
    expect(hours.at(-1)).toEqual({ day: '2026-03-02', hour: 23, count: 1 });
    expect(hours.filter(({ count }) => count > 0)).toEqual([
      { day: '2026-03-01', hour: 0, count: 1 },
      { day: '2026-03-01', hour: 8, count: 1 },
      { day: '2026-03-01', hour: 9, count: 1 },
      { day: '2026-03-02', hour: 23, count: 1 },
    ]);
  });
});
