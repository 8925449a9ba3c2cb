import { describe, expect, it } from 'vitest';
import { SENT, punch, tempJournal } from './test-support';

const SERIAL = 'CQZ7200001';
const DOUBT = { sentAt: '2026-03-02T08:59:00.000Z', until: '2026-03-02T09:00:00.000Z' };

describe('what the journal keeps for finding time-trapped saves of punches in doubt', () => {
  it('keeps when the unanswered pushes went, until an answer clears the doubt', () => {
    const journal = tempJournal();
    journal.insertPunches(SERIAL, null, 'zk', [punch('7', '2026-03-01 08:00:00'), punch('8', '2026-03-01 08:01:00')]);
    const [first, second] = [...journal.queryPunches({}).rows].sort((left, right) => left.id - right.id);
    journal.markInDoubt(first!.id, 'No answer.', '2026-03-02T09:01:00.000Z', SENT, DOUBT);
    journal.markInDoubt(second!.id, 'No answer.', '2026-03-02T09:01:00.000Z', SENT);
    expect(journal.listDoubtWindows()).toEqual([
      { id: first!.id, doubt: DOUBT },
      { id: second!.id, doubt: null },
    ]);
    journal.markSynced(second!.id, SENT, 'EMP-CKIN-03-2026-000009');
    expect(journal.listDoubtWindows()).toEqual([{ id: first!.id, doubt: DOUBT }]);
    journal.markFailed(first!.id, 'Server error.', '2026-03-02T09:02:00.000Z', SENT);
    expect(journal.listDoubtWindows()).toEqual([]);
  });

  it('keeps a trapped punch in doubt when told to, held all the same, and back in the queue after the lift', () => {
    const journal = tempJournal();
    journal.insertPunches(SERIAL, null, 'zk', [punch('7', '2026-03-01 08:00:00')]);
    const [row] = journal.queryPunches({}).rows;
    journal.markRejected(row!.id, 'ERPNext saved checkin at its own current time', SENT);
    journal.recordTimeTrap({ checkinName: 'EMP-CKIN-03-2026-000002', punchId: row!.id, employee: 'HR-EMP-0001', sentTime: row!.deviceTime, savedTime: '2026-03-02 09:00:00' });
    journal.keepInDoubt(row!.id, DOUBT);
    expect(journal.countByState()).toMatchObject({ rejected: 1 });
    journal.liftPushStop();
    expect(journal.countByState()).toMatchObject({ pending: 1, rejected: 0 });
    expect(journal.listDoubtWindows()).toEqual([{ id: row!.id, doubt: DOUBT }]);
  });

  it('remembers when a push stop last stood, after it is cleared too', () => {
    let now = new Date('2026-03-02T09:00:00.000Z');
    const journal = tempJournal(undefined, () => now);
    expect(journal.lastPushStopAt()).toBeNull();
    journal.recordTimeTrap({ checkinName: 'EMP-CKIN-03-2026-000001', punchId: null, employee: null, sentTime: '2026-03-01 08:00:00', savedTime: '2026-03-02 09:00:00' });
    expect(journal.lastPushStopAt()).toBe('2026-03-02T09:00:00.000Z');
    now = new Date('2026-03-02T10:30:00.000Z');
    journal.liftPushStop();
    journal.clearPushStop();
    expect(journal.getPushStop()).toBeNull();
    expect(journal.lastPushStopAt()).toBe('2026-03-02T10:30:00.000Z');
  });

  it('says which checkins a punch owns: synced as its own, or listed as a wrong one', () => {
    const journal = tempJournal();
    journal.insertPunches(SERIAL, null, 'zk', [punch('7', '2026-03-01 08:00:00')]);
    const [row] = journal.queryPunches({}).rows;
    journal.markSynced(row!.id, SENT, 'EMP-CKIN-03-2026-000001');
    journal.recordTimeTrap({ checkinName: 'EMP-CKIN-03-2026-000002', punchId: null, employee: null, sentTime: '2026-03-01 08:05:00', savedTime: '2026-03-02 09:00:00' });
    const owned = journal.ownedCheckinNames(['EMP-CKIN-03-2026-000001', 'EMP-CKIN-03-2026-000002', 'EMP-CKIN-03-2026-000003']);
    expect([...owned].sort()).toEqual(['EMP-CKIN-03-2026-000001', 'EMP-CKIN-03-2026-000002']);
    expect(journal.ownedCheckinNames([])).toEqual(new Set());
  });
});
