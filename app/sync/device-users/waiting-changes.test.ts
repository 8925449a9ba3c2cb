import { describe, expect, it } from 'vitest';
import type { WaitingAdmsUserChange } from '../../journal';
import type { ZkUser } from '../../zk';
import { withWaitingChanges } from './waiting-changes';

const user = (userId: string, name: string, privilege = 0): ZkUser => ({ uid: 0, userId, name, privilege, password: '', cardNumber: 0, groupId: '1' });
let commandId = 0;
const waiting = (kind: WaitingAdmsUserChange['kind'], userId: string, name: string): WaitingAdmsUserChange => ({
  kind,
  userId,
  name,
  employee: `HR-EMP-${userId}`,
  previousName: null,
  commandId: ++commandId,
  sent: false,
  queuedAt: '2026-03-02T09:00:00.000Z',
});

describe('a terminal once it has run its queue', () => {
  it('runs the waiting changes in queue order: an add then a remove leaves nobody', () => {
    expect(withWaitingChanges([], [waiting('add', '7', 'Asha Rao'), waiting('remove', '7', 'Asha Rao')])).toEqual([]);
    expect(withWaitingChanges([user('7', 'Asha Rao')], [waiting('remove', '7', 'Asha Rao'), waiting('add', '7', 'Asha Rao')]).map((entry) => entry.userId)).toEqual(['7']);
  });

  it('keeps an administrator an administrator through a rename, as DATA UPDATE USERINFO with its Pri does', () => {
    expect(withWaitingChanges([user('1', 'ADMIN', 14)], [waiting('rename', '1', 'Grace Mwangi')])).toEqual([user('1', 'Grace Mwangi', 14)]);
  });
});
