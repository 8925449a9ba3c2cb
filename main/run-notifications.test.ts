import { describe, expect, it } from 'vitest';
import type { UnmatchedUser } from '../app/api/contract';
import { createFakeApi } from '../app/host/fake-api';
import { notifyAboutRuns, type DesktopNotice } from './run-notifications';
import { runSummary } from './test-support';

const user = (userId: string, nameOnDevice: string | null = null): UnmatchedUser => ({
  userId,
  deviceId: 'd1',
  deviceSerial: 'CKPL1',
  deviceName: 'Main gate',
  nameOnDevice,
  punchCount: 3,
  firstSeen: '2026-11-25 08:00:00',
  lastSeen: '2026-11-25 09:00:00',
});

function setup() {
  const events = createFakeApi();
  const shown: DesktopNotice[] = [];
  const stop = notifyAboutRuns(events, (notice) => shown.push(notice));
  return { events, shown, stop };
}

describe('notifyAboutRuns', () => {
  it('tells about a failed run with its reason and what to do', () => {
    const { events, shown } = setup();
    events.emit({ type: 'run-finished', run: runSummary() });
    events.emit({ type: 'run-finished', run: runSummary({ outcome: 'partial' }) });
    expect(shown).toEqual([]);
    const error = { code: 'erpnext-unreachable', message: 'ERPNext did not answer.', action: 'Check the internet connection.' };
    events.emit({ type: 'run-finished', run: runSummary({ outcome: 'failed', errors: [error] }) });
    expect(shown).toEqual([{ title: 'Punchbridge: sync failed', body: 'ERPNext did not answer. Check the internet connection.' }]);
  });

  it('announces each unknown user once', () => {
    const { events, shown, stop } = setup();
    events.emit({ type: 'unmatched-users', users: [user('17', 'Asha')] });
    events.emit({ type: 'unmatched-users', users: [user('17', 'Asha')] });
    events.emit({ type: 'unmatched-users', users: [user('17', 'Asha'), user('18'), user('19')] });
    expect(shown.map((notice) => notice.title)).toEqual(['Punchbridge: a new unknown user', 'Punchbridge: 2 new unknown users']);
    expect(shown[0]!.body).toBe('Asha (user 17) on Main gate is not linked to an employee. Their punches wait until you map them.');
    stop();
    expect(events.listenerCount()).toBe(0);
  });
});
