import { describe, expect, it } from 'vitest';
import type { UnmatchedUser } from '../app/api/contract';
import { createFakeApi } from '../app/host/fake-api';
import { notifyAboutRuns, type DesktopNotice } from './run-notifications';
import { appStatus, runSummary } from './test-support';

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

  it('announces a device that went quiet or out of reach once while it lasts, and again when it comes back', () => {
    const { events, shown } = setup();
    const quiet = { code: 'device-quiet', message: 'Main gate has had no punch today in hours it usually has them, from 09:00 on.', action: 'Check the device.' };
    const unreachable = { code: 'device-unreachable-runs', message: 'Canteen could not be read in the last 3 runs in a row.', action: 'Check the network.' };
    const other = { code: 'unmatched-users', message: '2 device users match no employee.', action: 'Map them.' };
    events.emit({ type: 'status', status: appStatus({ attention: [other, quiet] }) });
    events.emit({ type: 'status', status: appStatus({ attention: [quiet, unreachable] }) });
    events.emit({ type: 'status', status: appStatus({ attention: [unreachable] }) });
    events.emit({ type: 'status', status: appStatus({ attention: [quiet, unreachable] }) });
    expect(shown).toEqual([
      { title: 'Punchbridge: a device has gone quiet', body: `${quiet.message} Check the device.` },
      { title: 'Punchbridge: a device is out of reach', body: `${unreachable.message} Check the network.` },
      { title: 'Punchbridge: a device has gone quiet', body: `${quiet.message} Check the device.` },
    ]);
  });
});
