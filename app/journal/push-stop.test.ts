import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENT, punch, tempFolder, tempJournal } from './test-support';

const SERIAL = 'CQZ7200001';

describe('the push stop the time trap sets', () => {
  it('holds across a reopened journal until lifted, then is cleared once a checked push keeps its time', () => {
    const filePath = join(tempFolder(), 'journal.sqlite');
    const journal = tempJournal(filePath);
    journal.insertPunches(SERIAL, null, 'zk', [punch('7', '2026-03-01 08:00:00'), punch('8', '2026-03-01 08:01:00')]);
    const [first, second] = journal.queryPunches({}).rows;
    expect(journal.getPushStop()).toBeNull();
    expect(journal.liftPushStop()).toBe(false);

    for (const [row, name] of [[first!, 'EMP-CKIN-03-2026-000001'], [second!, 'EMP-CKIN-03-2026-000002']] as const) {
      journal.markRejected(row.id, 'ERPNext saved checkin at its own current time', SENT);
      journal.recordTimeTrap({ checkinName: name, punchId: row.id, employee: 'HR-EMP-00007', sentTime: row.deviceTime, savedTime: '2026-03-02 09:00:00' });
    }
    journal.close();

    const reopened = tempJournal(filePath);
    const stop = reopened.getPushStop();
    expect(stop).toMatchObject({ reason: 'time-trap', liftedAt: null });
    expect(stop?.wrongCheckins.map((wrong) => wrong.checkinName)).toEqual(['EMP-CKIN-03-2026-000001', 'EMP-CKIN-03-2026-000002']);

    // Lifting puts the trapped punches back in the queue, to go with their own time.
    expect(reopened.liftPushStop()).toBe(true);
    expect(reopened.liftPushStop()).toBe(false);
    expect(reopened.getPushStop()?.liftedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(reopened.countByState()).toMatchObject({ pending: 2, rejected: 0 });

    // Caught again while being checked: stopped again, the list grows.
    reopened.recordTimeTrap({ checkinName: 'EMP-CKIN-03-2026-000003', punchId: first!.id, employee: 'HR-EMP-00007', sentTime: first!.deviceTime, savedTime: '2026-03-02 09:05:00' });
    expect(reopened.getPushStop()).toMatchObject({ liftedAt: null });
    expect(reopened.getPushStop()?.wrongCheckins).toHaveLength(3);

    reopened.liftPushStop();
    reopened.clearPushStop();
    expect(reopened.getPushStop()).toBeNull();
  });
});

describe('in doubt: pushed with no answer', () => {
  it('marks a punch whose push got no answer, keeps the mark through a requeue, and any answer clears it', () => {
    const journal = tempJournal();
    journal.insertPunches(SERIAL, null, 'zk', [punch('7', '2026-03-01 08:00:00'), punch('8', '2026-03-01 08:01:00')]);
    const [first, second] = journal.queryPunches({}).rows;
    journal.markInDoubt(first!.id, 'dropped the connection', '2026-03-02T09:05:00.000Z', SENT);
    journal.markFailed(second!.id, 'status 500', '2026-03-02T09:05:00.000Z', SENT);
    expect(journal.listInDoubt()).toEqual([first!.id]);
    expect(journal.countByState().failed).toBe(2);

    expect(journal.requeueByState(['failed'])).toBe(2);
    expect(journal.listInDoubt()).toEqual([first!.id]);

    journal.markSynced(first!.id, SENT, 'EMP-CKIN-03-2026-000001');
    expect(journal.listInDoubt()).toEqual([]);
  });
});
