import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from './migrations';
import { tempFolder, tempJournal } from './test-support';

const CHANGE = { deviceId: 'd1', deviceName: 'Front door', kind: 'add' as const, userId: '7', employee: 'HR-EMP-0007', name: 'Asha Rao', previousName: null, requestedBy: 'test' };

describe('ADMS command queue in the journal', () => {
  it('keeps the History written before the queue existed when it upgrades', () => {
    const filePath = join(tempFolder(), 'journal.sqlite');
    const old = new DatabaseSync(filePath);
    migrate(old, filePath, SCHEMA_VERSION - 1);
    old.prepare(`
      INSERT INTO device_user_changes (device_id, device_name, kind, user_id, employee, name, previous_name, outcome, error, requested_by, recorded_at)
      VALUES ('d0', 'Gate', 'add', '5', 'HR-EMP-0005', 'Ravi', NULL, 'done', NULL, 'cli', '2026-01-05T08:00:05.000Z')`).run();
    old.close();

    const journal = tempJournal(filePath);
    expect(journal.listDeviceUserChanges(10)).toMatchObject([{ deviceName: 'Gate', userId: '5', outcome: 'done' }]);
  });

  it('settles a queued change only from an answer to a command that was sent', () => {
    const journal = tempJournal();
    const [id] = journal.queueAdmsUserChanges('SN1', [{ command: 'DATA UPDATE USERINFO PIN=7\tName=Asha Rao\tPri=0', change: CHANGE }]);
    expect(journal.answerAdmsCommand('SN1', id!, 0)).toBe(false);
    expect(journal.listDeviceUserChanges(10)).toMatchObject([{ outcome: 'queued' }]);

    expect(journal.takeAdmsCommands('SN1', 5)).toEqual([{ id, command: 'DATA UPDATE USERINFO PIN=7\tName=Asha Rao\tPri=0' }]);
    expect(journal.takeAdmsCommands('SN1', 5)).toEqual([]);
    expect(journal.answerAdmsCommand('SN1', id!, -1004)).toBe(true);
    expect(journal.answerAdmsCommand('SN1', id!, 0)).toBe(false);
    expect(journal.listDeviceUserChanges(10)).toMatchObject([{ outcome: 'refused', error: 'The terminal refused the command (Return=-1004).' }]);
  });

  it('withdraws only a command the terminal has not fetched, and keeps its History row as not attempted', () => {
    const journal = tempJournal();
    const [fetched, unfetched] = journal.queueAdmsUserChanges('SN1', [
      { command: 'DATA UPDATE USERINFO PIN=7\tName=Asha Rao\tPri=0', change: CHANGE },
      { command: 'DATA UPDATE USERINFO PIN=8\tName=Ben Okoro\tPri=0', change: { ...CHANGE, userId: '8', name: 'Ben Okoro' } },
    ]);
    journal.takeAdmsCommands('SN1', 1);
    expect(journal.listWaitingAdmsUserChanges('SN1')).toMatchObject([{ commandId: fetched, userId: '7', sent: true }, { commandId: unfetched, userId: '8', sent: false }]);

    expect(journal.withdrawAdmsUserChange('SN1', fetched!, 'replaced')).toBe(false);
    expect(journal.withdrawAdmsUserChange('OTHER', unfetched!, 'replaced')).toBe(false);
    expect(journal.withdrawAdmsUserChange('SN1', unfetched!, 'replaced')).toBe(true);
    expect(journal.takeAdmsCommands('SN1', 5)).toEqual([]);
    expect(journal.listWaitingAdmsUserChanges('SN1').map((change) => change.userId)).toEqual(['7']);
    expect(journal.listDeviceUserChanges(10)).toMatchObject([{ userId: '8', outcome: 'not-attempted', error: 'replaced' }, { userId: '7', outcome: 'queued' }]);
  });

  it('takes a change the terminal fetched an hour ago and never answered as lost, and no longer as waiting', () => {
    let now = new Date('2026-03-02T09:00:00.000Z');
    const journal = tempJournal(undefined, () => now);
    journal.queueAdmsUserChanges('SN1', [{ command: 'DATA UPDATE USERINFO PIN=7\tName=Asha Rao\tPri=0', change: CHANGE }]);
    journal.takeAdmsCommands('SN1', 5);
    now = new Date('2026-03-02T09:59:00.000Z');
    expect(journal.listWaitingAdmsUserChanges('SN1').map((change) => change.userId)).toEqual(['7']);
    now = new Date('2026-03-02T10:01:00.000Z');
    expect(journal.listWaitingAdmsUserChanges('SN1')).toEqual([]);
  });
});
