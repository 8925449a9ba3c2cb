import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SENT, deviceConfig, punch, tempFolder, tempJournal } from './test-support';

const SERIAL = 'CQZ7200001';

describe('insertPunches', () => {
  it('keeps one row per (serial, user id, device time): a re-read is harmless', () => {
    const journal = tempJournal();
    const device = journal.addDevice(deviceConfig());
    const records = [punch('7', '2026-03-01 08:00:00'), punch('7', '2026-03-01 17:00:00', 1), punch('8', '2026-03-01 08:00:00')];

    expect(journal.insertPunches(SERIAL, device.id, 'zk', records)).toEqual({ read: 3, inserted: 3 });
    expect(journal.insertPunches(SERIAL, device.id, 'zk', records)).toEqual({ read: 3, inserted: 0 });
    expect(journal.insertPunches(SERIAL, null, 'adms', [punch('7', '2026-03-01 08:00:00')])).toEqual({ read: 1, inserted: 0 });
    // Same user and time on another device is another punch.
    expect(journal.insertPunches('CQZ7200002', null, 'zk', [punch('7', '2026-03-01 08:00:00')])).toEqual({ read: 1, inserted: 1 });

    const page = journal.queryPunches({});
    expect(page.total).toBe(4);
    expect(journal.countByState().pending).toBe(4);
    const first = page.rows.find((row) => row.deviceSerial === SERIAL && row.userId === '7' && row.deviceTime === '2026-03-01 08:00:00');
    expect(first).toMatchObject({ deviceId: device.id, deviceName: 'Main gate', state: 'pending', source: 'zk', punchStateCode: 0, attempts: 0 });
    expect(first?.receivedAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('refuses a batch with a malformed device time before writing any of it', () => {
    const journal = tempJournal();
    expect(() => journal.insertPunches(SERIAL, null, 'file', [punch('1', '2026-03-01 08:00:00'), punch('2', '2026-03-01T08:00:00Z')])).toThrow(/Not a punch record/);
    expect(journal.queryPunches({}).total).toBe(0);
  });

  it('refuses numbers and user ids the journal could not read back, so the punch list keeps working', () => {
    const journal = tempJournal();
    journal.insertPunches(SERIAL, null, 'file', [punch('1', '2026-03-01 08:00:00')]);
    for (const bad of [
      { ...punch('2', '2026-03-01 08:00:00'), punchStateCode: Number.MAX_SAFE_INTEGER + 2 },
      { ...punch('2', '2026-03-01 08:00:00'), punchStateCode: 256 },
      { ...punch('2', '2026-03-01 08:00:00'), verifyType: -1 },
      { ...punch('2', '2026-03-01 08:00:00'), verifyType: 1.5 },
      punch('x'.repeat(25), '2026-03-01 08:00:00'),
      punch('2\n3', '2026-03-01 08:00:00'),
    ]) {
      expect(() => journal.insertPunches(SERIAL, null, 'adms', [bad])).toThrow(/Not a punch record/);
    }
    expect(journal.queryPunches({}).rows.map((row) => row.userId)).toEqual(['1']);
  });

  it('inserts 100,000 punches in one go', () => {
    const journal = tempJournal();
    const records = Array.from({ length: 100_000 }, (_, i) =>
      punch(String(i % 500), new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().slice(0, 19).replace('T', ' ')),
    );
    expect(journal.insertPunches(SERIAL, null, 'zk', records)).toEqual({ read: 100_000, inserted: 100_000 });
    expect(journal.countByState().pending).toBe(100_000);
  });

  it('writes committed punches into the database file itself on flushToDisk, so the WAL is no longer needed', () => {
    const folder = tempFolder();
    const journal = tempJournal(join(folder, 'journal.sqlite'));
    expect(journal.flushToDisk()).toBe(true);
    journal.insertPunches(SERIAL, null, 'zk', [punch('1', '2026-03-01 08:00:00'), punch('2', '2026-03-01 08:05:00')]);
    // What a power cut leaves when the WAL never reached the disk: the database file alone.
    const countInFileAlone = () => {
      copyFileSync(join(folder, 'journal.sqlite'), join(folder, 'file-alone.sqlite'));
      const copy = new DatabaseSync(join(folder, 'file-alone.sqlite'));
      try {
        return (copy.prepare('SELECT COUNT(*) AS count FROM punches').get() as { count: number }).count;
      } finally {
        copy.close();
      }
    };
    expect(countInFileAlone()).toBe(0);
    expect(journal.flushToDisk()).toBe(true);
    expect(countInFileAlone()).toBe(2);
  });
});

describe('the push queue', () => {
  function journalWithPunches() {
    const journal = tempJournal();
    const device = journal.addDevice(deviceConfig());
    journal.insertPunches(SERIAL, device.id, 'zk', [
      punch('1', '2026-03-01 09:00:00'),
      punch('1', '2026-03-01 08:00:00'),
      punch('2', '2026-03-01 08:30:00'),
    ]);
    const ids = journal.takePendingPunches(10, '2026-03-02T09:00:00.000Z').map((row) => row.id);
    return { journal, device, ids };
  }

  it('takes pending punches in device-time order, up to the limit', () => {
    const { journal } = journalWithPunches();
    expect(journal.takePendingPunches(2, '2026-03-02T09:00:00.000Z').map((row) => row.deviceTime)).toEqual(['2026-03-01 08:00:00', '2026-03-01 08:30:00']);
  });

  it('marks a punch synced with what was sent and the checkin name', () => {
    const { journal, ids } = journalWithPunches();
    journal.markSynced(ids[0]!, SENT, 'EMP-CKIN-03-2026-000001');
    const row = journal.queryPunches({ states: ['synced'] }).rows[0];
    expect(row).toMatchObject({
      state: 'synced',
      checkinName: 'EMP-CKIN-03-2026-000001',
      serverTime: '2026-03-01 08:00:00',
      logType: 'IN',
      employee: 'HR-EMP-0001',
      employeeName: 'Asha Rao',
      attempts: 1,
      lastError: null,
      syncedAt: '2026-03-02T09:00:00.000Z',
    });
    expect(journal.takePendingPunches(10, '2026-03-02T09:00:00.000Z')).toHaveLength(2);
  });

  it('marks a duplicate as synced without a checkin name', () => {
    const { journal, ids } = journalWithPunches();
    journal.markDuplicate(ids[0]!, SENT);
    expect(journal.queryPunches({ states: ['synced'] }).rows[0]).toMatchObject({ checkinName: null, attempts: 1 });
  });

  it('holds unmatched and rejected punches with the exact reason, out of the queue', () => {
    const { journal, ids } = journalWithPunches();
    journal.markUnmatched(ids[0]!, 'No Employee found for the given employee field value');
    journal.markRejected(ids[1]!, 'Employee HR-EMP-0002 is not active', SENT);
    expect(journal.countByState()).toMatchObject({ pending: 1, unmatched: 1, rejected: 1 });
    expect(journal.queryPunches({ states: ['rejected'] }).rows[0]).toMatchObject({ lastError: 'Employee HR-EMP-0002 is not active', serverTime: SENT.serverTime });
    expect(journal.takePendingPunches(10, '2026-03-02T09:00:00.000Z').map((row) => row.id)).toEqual([ids[2]]);
  });

  it('retries a failed punch only once its next attempt time has passed, before pending ones', () => {
    const { journal, ids } = journalWithPunches();
    journal.markFailed(ids[2]!, 'Request failed with status code 503', '2026-03-02T09:05:00.000Z');
    expect(journal.takePendingPunches(10, '2026-03-02T09:04:59.000Z').map((row) => row.id)).toEqual([ids[0], ids[1]]);
    expect(journal.takePendingPunches(10, '2026-03-02T09:05:00.000Z').map((row) => row.id)).toEqual([ids[2], ids[0], ids[1]]);
    journal.markFailed(ids[2]!, 'timeout of 30000ms exceeded', '2026-03-02T09:10:00.000Z');
    expect(journal.queryPunches({ states: ['failed'] }).rows[0]).toMatchObject({ attempts: 2, lastError: 'timeout of 30000ms exceeded' });
  });

  it('never moves a synced punch back: late answers, ignore and requeue leave it synced', () => {
    const { journal, ids } = journalWithPunches();
    journal.markSynced(ids[0]!, SENT, 'EMP-CKIN-1');
    journal.markFailed(ids[0]!, 'late timeout', '2026-03-02T10:00:00.000Z');
    journal.markRejected(ids[0]!, 'late error');
    expect(journal.markIgnored([ids[0]!])).toBe(0);
    expect(journal.requeue([ids[0]!])).toBe(0);
    expect(journal.queryPunches({ states: ['synced'] }).rows[0]).toMatchObject({ id: ids[0], lastError: null, checkinName: 'EMP-CKIN-1' });
  });

  it('ignores and requeues selected punches', () => {
    const { journal, ids } = journalWithPunches();
    journal.markRejected(ids[0]!, 'Log Type is required');
    expect(journal.markIgnored(ids)).toBe(3);
    expect(journal.countByState()).toMatchObject({ ignored: 3, pending: 0, rejected: 0 });
    expect(journal.requeue([ids[0]!, ids[1]!])).toBe(2);
    expect(journal.queryPunches({ states: ['pending'] }).rows.every((row) => row.lastError === null)).toBe(true);
    expect(journal.countByState()).toMatchObject({ ignored: 1, pending: 2 });
  });

  it('requeues every punch in given states', () => {
    const { journal, ids } = journalWithPunches();
    journal.markRejected(ids[0]!, 'Employee is not active');
    journal.markRejected(ids[1]!, 'Employee is not active');
    journal.markUnmatched(ids[2]!, 'No Employee found');
    expect(journal.requeueByState(['rejected'])).toBe(2);
    expect(journal.countByState()).toMatchObject({ pending: 2, unmatched: 1, rejected: 0 });
  });

  it('requeues the punches in given states of one device only', () => {
    const { journal, device, ids } = journalWithPunches();
    journal.insertPunches('OTHER01', null, 'zk', [punch('1', '2026-03-01 10:00:00')]);
    const other = journal.takePendingPunches(10, '2026-03-02T09:00:00.000Z').find((row) => row.deviceSerial === 'OTHER01')!;
    for (const id of [ids[0]!, other.id]) journal.markRejected(id, 'Log Type is required for check-ins falling in the shift: Day.');
    expect(journal.requeueByState(['rejected'], device.id)).toBe(1);
    expect(journal.queryPunches({ states: ['rejected'] }).rows.map((row) => row.deviceSerial)).toEqual(['OTHER01']);
  });

  it("requeues a user's unmatched punches after a mapping, on one device or all", () => {
    const { journal, device, ids } = journalWithPunches();
    journal.insertPunches('OTHER01', null, 'zk', [punch('1', '2026-03-01 10:00:00')]);
    const other = journal.takePendingPunches(10, '2026-03-02T09:00:00.000Z').find((row) => row.deviceSerial === 'OTHER01')!;
    for (const id of [...ids, other.id]) journal.markUnmatched(id, 'No Employee found');

    expect(journal.requeueUser('1', device.id)).toBe(2);
    expect(journal.requeueUser('1', device.id)).toBe(0);
    expect(journal.requeueUser('1', null)).toBe(1);
    expect(journal.countByState()).toMatchObject({ pending: 3, unmatched: 1 });
  });

  it('ignores queued punches from before the import start date', () => {
    const { journal, ids } = journalWithPunches();
    journal.insertPunches(SERIAL, null, 'zk', [punch('3', '2026-02-28 23:59:59')]);
    journal.markRejected(ids[0]!, 'Employee is not active');
    expect(journal.ignoreBefore('2026-03-01')).toBe(1);
    expect(journal.queryPunches({ states: ['ignored'] }).rows.map((row) => row.deviceTime)).toEqual(['2026-02-28 23:59:59']);
  });

  it('keeps the state counts equal to the rows through every transition', () => {
    const { journal, ids } = journalWithPunches();
    journal.markFailed(ids[0]!, 'ECONNRESET', '2026-03-02T09:01:00.000Z');
    journal.markSynced(ids[0]!, SENT, 'EMP-CKIN-2');
    journal.markUnmatched(ids[1]!, 'No Employee found');
    journal.requeueUser('2', null);
    journal.markIgnored([ids[2]!]);
    const counts = journal.countByState();
    for (const [state, count] of Object.entries(counts)) {
      expect(journal.queryPunches({ states: [state as keyof typeof counts], from: '2000-01-01' }).total).toBe(count);
    }
    expect(counts).toMatchObject({ synced: 1, pending: 1, ignored: 1 });
  });

  it('writes several calls as one transaction, or none of them', () => {
    const { journal, ids } = journalWithPunches();
    expect(() =>
      journal.transaction(() => {
        journal.markSynced(ids[0]!, SENT, 'EMP-CKIN-3');
        throw new Error('push crashed');
      }),
    ).toThrow('push crashed');
    expect(journal.countByState().synced).toBe(0);
  });
});
