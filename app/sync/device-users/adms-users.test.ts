// Planning an ADMS terminal's users against what it uploaded and what still waits in its queue:
// a second press plans nothing new, an answer settles the change into the list the plans start
// from, and a newer wish replaces a command the terminal has not fetched (or follows one it has).
import { describe, expect, it } from 'vitest';
import type { DeviceUserChange, EmployeeSummary } from '../../vocabulary';
import { tempJournal } from '../../journal/test-support';
import { previewAdmsDeviceUsers, queueAdmsDeviceUsers } from './adms-users';
import type { UserSyncDevice } from './sync-device-users';
import { employee } from './test-support';

const SERIAL = 'CQZ7232960466';
const DEVICE: UserSyncDevice = { id: 'd1', name: 'Front door', host: 'adms', port: 4370, transport: 'auto', timeoutSeconds: 5, nameEncoding: 'utf-8' };


function terminalWith(users: { userId: string; name: string }[]) {
  const journal = tempJournal();
  journal.upsertDeviceUsers(SERIAL, users.map((user) => ({ ...user, privilege: 0, cardNumber: 0 })));
  const preview = (employees: EmployeeSummary[]) => previewAdmsDeviceUsers(journal, DEVICE, SERIAL, { devices: [DEVICE], employees, removeLeft: true });
  const apply = (employees: EmployeeSummary[], approved: (change: DeviceUserChange) => boolean = () => true) =>
    queueAdmsDeviceUsers(journal, DEVICE, SERIAL, { devices: [DEVICE], employees, removeLeft: true, approved, requestedBy: 'test' }).results.map((result) => [result.kind, result.userId, result.outcome]);
  /** The terminal polls: takes what waits, and answers each with `returnCode`. */
  const poll = (returnCode = 0) => {
    const taken = journal.takeAdmsCommands(SERIAL, 5);
    for (const { id } of taken) journal.answerAdmsCommand(SERIAL, id, returnCode);
    return taken.map(({ command }) => command);
  };
  const history = () => journal.listDeviceUserChanges(20).map((entry) => [entry.kind, entry.userId, entry.outcome]).reverse();
  return { journal, preview, apply, poll, history };
}

describe('employees to an ADMS terminal that polls late', () => {
  it('queues one command per person however often HR applies before the terminal polls', () => {
    const terminal = terminalWith([]);
    const employees = [employee('7', 'Asha Rao'), employee('8', 'Ben Okoro')];
    expect(terminal.apply(employees)).toEqual([['add', '7', 'queued'], ['add', '8', 'queued']]);
    expect(terminal.preview(employees)).toMatchObject({ changes: [], waiting: [{ kind: 'add', userId: '7', sent: false, since: '2026-03-02T09:00:00.000Z' }, { userId: '8' }] });
    expect(terminal.apply(employees)).toEqual([]);

    expect(terminal.poll()).toEqual(['DATA UPDATE USERINFO PIN=7\tName=Asha Rao\tPri=0', 'DATA UPDATE USERINFO PIN=8\tName=Ben Okoro\tPri=0']);
  });

  it('shows a fetched but unanswered change as waiting and plans nothing for it', () => {
    const terminal = terminalWith([]);
    terminal.apply([employee('7', 'Asha Rao')]);
    terminal.journal.takeAdmsCommands(SERIAL, 5);
    expect(terminal.preview([employee('7', 'Asha Rao')])).toMatchObject({ changes: [], waiting: [{ userId: '7', sent: true }] });
    expect(terminal.apply([employee('7', 'Asha Rao')])).toEqual([]);
  });

  it('takes an answered add or remove into the list at once, so nothing is planned again before the next upload', () => {
    const terminal = terminalWith([{ userId: '5', name: 'Ravi Kumar' }]);
    const employees = [employee('5', 'Ravi Kumar', 'Left'), employee('7', 'Asha Rao')];
    expect(terminal.apply(employees)).toEqual([['remove', '5', 'queued'], ['add', '7', 'queued']]);
    terminal.poll();
    expect(terminal.preview(employees)).toMatchObject({ changes: [], waiting: [], userIds: ['7'] });
    expect(terminal.apply(employees)).toEqual([]);
  });

  it('plans a refused change again', () => {
    const terminal = terminalWith([]);
    terminal.apply([employee('7', 'Asha Rao')]);
    terminal.poll(-1002);
    expect(terminal.preview([employee('7', 'Asha Rao')]).changes.map((change) => [change.kind, change.userId])).toEqual([['add', '7']]);
  });

  it('withdraws a queued add the terminal has not fetched when the person left meanwhile, and sends nothing', () => {
    const terminal = terminalWith([]);
    terminal.apply([employee('7', 'Asha Rao')]);
    const left = [employee('7', 'Asha Rao', 'Left')];
    expect(terminal.preview(left).changes.map((change) => [change.kind, change.userId])).toEqual([['remove', '7']]);

    expect(terminal.apply(left)).toEqual([['remove', '7', 'done']]);
    expect(terminal.poll()).toEqual([]);
    expect(terminal.history()).toEqual([['add', '7', 'not-attempted'], ['remove', '7', 'done']]);
    expect(terminal.journal.listDeviceUserChanges(20).find((entry) => entry.kind === 'add')?.error).toContain('Withdrawn before the terminal fetched it');
    expect(terminal.preview(left)).toMatchObject({ changes: [], waiting: [] });
  });

  it('queues the remove after an add the terminal has already fetched, so it runs second', () => {
    const terminal = terminalWith([]);
    terminal.apply([employee('7', 'Asha Rao')]);
    const [fetched] = terminal.journal.takeAdmsCommands(SERIAL, 5);

    expect(terminal.apply([employee('7', 'Asha Rao', 'Left')])).toEqual([['remove', '7', 'queued']]);
    terminal.journal.answerAdmsCommand(SERIAL, fetched!.id, 0);
    expect(terminal.poll()).toEqual(['DATA DELETE USERINFO PIN=7']);
    expect(terminal.preview([employee('7', 'Asha Rao', 'Left')])).toMatchObject({ changes: [], waiting: [], userIds: [] });
  });

  it('withdraws an unfetched remove of someone taken back, so the terminal keeps the person and their fingerprints', () => {
    const terminal = terminalWith([{ userId: '5', name: 'Ravi Kumar' }]);
    terminal.apply([employee('5', 'Ravi Kumar', 'Left')]);
    expect(terminal.apply([employee('5', 'Ravi Kumar')])).toEqual([['add', '5', 'done']]);
    expect(terminal.poll()).toEqual([]);
  });

  it('replaces an unfetched add with one add under the newer name', () => {
    const terminal = terminalWith([]);
    terminal.apply([employee('7', 'Asha Rao')]);
    const renamed = [employee('7', 'Asha Rao-Menon')];
    expect(terminal.preview(renamed).changes).toMatchObject([{ kind: 'rename', userId: '7', previousName: 'Asha Rao', name: 'Asha Rao-Menon' }]);

    expect(terminal.apply(renamed)).toEqual([['add', '7', 'queued']]);
    expect(terminal.poll()).toEqual(['DATA UPDATE USERINFO PIN=7\tName=Asha Rao-Menon\tPri=0']);
  });
});
