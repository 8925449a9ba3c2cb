// An ADMS terminal's command queue end to end: commands queued in a real journal go out on the
// terminal's polls over the real receiver port, the terminal runs them, and its answers on
// /iclock/devicecmd decide each command's state.
import { afterEach, describe, expect, it } from 'vitest';
import { tempJournal } from '../journal/test-support';
import { AdmsDeviceSimulator } from '../sim/adms';
import { parseCommandResults, userInfoUpdateCommand } from './adms-commands';
import { startAdmsReceiver, type AdmsReceiver } from './adms-receiver';
import { memoryAdmsSink } from './adms-test-support';

const SERIAL = 'CQZ7232960466';
let receiver: AdmsReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function queueServedFromJournal(approved = [SERIAL]) {
  const journal = tempJournal();
  const { sink } = memoryAdmsSink(approved);
  sink.takeCommands = (serial, limit) => journal.takeAdmsCommands(serial, limit);
  sink.saveCommandResults = (serial, results) => {
    for (const { id, returnCode } of results) journal.answerAdmsCommand(serial, id, returnCode);
  };
  receiver = await startAdmsReceiver({ sink, port: 0 });
  return { journal, serverUrl: receiver.url };
}

describe('ADMS command queue', () => {
  it('writes queued users to the terminal a few per poll, and marks each done from its answer', async () => {
    const { journal, serverUrl } = await queueServedFromJournal();
    const users = Array.from({ length: 7 }, (_, index) => ({ userId: String(100 + index), name: `Employee ${index}`, privilege: 0 }));
    const ids = journal.queueAdmsCommands(SERIAL, users.map(userInfoUpdateCommand));
    const terminal = new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL });

    const first = await terminal.pollAndRun();
    expect(first.map((answer) => answer.returnCode)).toEqual([0, 0, 0, 0, 0]);
    expect(journal.getAdmsCommands(ids).map((command) => command.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'queued', 'queued']);

    expect(await terminal.pollAndRun()).toHaveLength(2);
    expect(await terminal.poll()).toEqual({ status: 200, body: 'OK' });
    expect(journal.getAdmsCommands(ids).every((command) => command.state === 'done' && command.returnCode === 0)).toBe(true);
    expect([...terminal.users.values()]).toEqual(users);
  });

  it('records a command the terminal refuses as refused, with its code, and sends it no more', async () => {
    const { journal, serverUrl } = await queueServedFromJournal();
    const [id] = journal.queueAdmsCommands(SERIAL, [userInfoUpdateCommand({ userId: '7', name: 'Asha Rao', privilege: 0 })]);
    const terminal = new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL, refuseCommandsWith: -1002 });

    expect(await terminal.pollAndRun()).toEqual([{ id, command: 'DATA UPDATE USERINFO PIN=7\tName=Asha Rao\tPri=0', returnCode: -1002 }]);
    expect(journal.getAdmsCommands([id!])).toMatchObject([{ state: 'refused', returnCode: -1002 }]);
    expect(terminal.users.size).toBe(0);
    expect(await terminal.pollAndRun()).toEqual([]);
  });

  it('serves nothing to an unapproved terminal and takes no answers from another serial', async () => {
    const { journal, serverUrl } = await queueServedFromJournal([SERIAL, 'OTHER1']);
    const [id] = journal.queueAdmsCommands(SERIAL, [userInfoUpdateCommand({ userId: '7', name: 'Asha Rao', privilege: 0 })]);
    const stranger = new AdmsDeviceSimulator({ serverUrl, serialNumber: 'STRANGER9' });
    expect((await stranger.poll()).status).toBe(403);

    // The command goes out to its terminal; an answer for it from another approved serial is ignored.
    const body = (await new AdmsDeviceSimulator({ serverUrl, serialNumber: SERIAL }).poll()).body;
    expect(body).toBe(`C:${id}:DATA UPDATE USERINFO PIN=7\tName=Asha Rao\tPri=0\n`);
    expect(journal.answerAdmsCommand('OTHER1', id!, 0)).toBe(false);
    expect(journal.getAdmsCommands([id!])).toMatchObject([{ state: 'sent', returnCode: null }]);
  });

  it('keeps a name with a tab or line break inside one field of one command', () => {
    const command = userInfoUpdateCommand({ userId: '7', name: 'Asha\tRao\nC:99:DATA DELETE USERINFO PIN=1', privilege: 0 });
    expect(command.split('\n')).toHaveLength(1);
    expect(command.split('\t')).toEqual(['DATA UPDATE USERINFO PIN=7', 'Name=Asha Rao C:99:DATA DELETE USERINFO PIN=1', 'Pri=0']);
  });

  it('reads one-line and multi-line (Shell) answers and leaves out ones without an ID or code', () => {
    const body = 'ID=12&Return=0&CMD=DATA\r\nID=13&Return=-1002&CMD=DATA\nID=14\nReturn=0\nCMD=Shell\nContent=ls\nReturn=5\nID=x&Return=0\n';
    expect(parseCommandResults(body)).toEqual([
      { id: 12, returnCode: 0, command: 'DATA' },
      { id: 13, returnCode: -1002, command: 'DATA' },
      { id: 14, returnCode: 0, command: 'Shell' },
    ]);
  });
});
