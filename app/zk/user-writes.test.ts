import { afterEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../sim/zk';
import { CMD_USER_WRQ } from './constants';
import { connectZk, ZkError, type ZkDevice } from './index';
import { fitUserName } from './user-writes';

const opened: { simulators: ZkSimulator[]; clients: ZkDevice[] } = { simulators: [], clients: [] };

afterEach(async () => {
  await Promise.all(opened.clients.splice(0).map((client) => client.disconnect()));
  await Promise.all(opened.simulators.splice(0).map((simulator) => simulator.close()));
});

async function terminal(options: ZkSimulatorOptions, transport: 'tcp' | 'udp'): Promise<{ simulator: ZkSimulator; device: ZkDevice }> {
  const simulator = await startZkSimulator(options);
  opened.simulators.push(simulator);
  const device = await connectZk({ host: simulator.host, port: simulator.port, transport, timeoutMs: 1500 });
  opened.clients.push(device);
  return { simulator, device };
}

const newHire = { uid: 0, userId: '4711', name: 'Zoë Núñez', privilege: 0, password: '', cardNumber: 0, group: 1 };

describe.each(['tcp', 'udp'] as const)('user writes over %s', (transport) => {
  it.each([28, 72] as const)('adds, renames and removes a user on a terminal with %i-byte users', async (userRecordSize) => {
    const { simulator, device } = await terminal({ userCount: 3, userRecordSize }, transport);
    const table = await device.readUserTable();
    expect(table.recordSize).toBe(userRecordSize);
    const uid = Math.max(...table.users.map((user) => user.uid)) + 1;
    const name = fitUserName(newHire.name, table.recordSize, 'utf-8');

    await device.writeUser({ ...newHire, uid, name }, table.recordSize);
    await device.refreshData();
    const afterAdd = await device.readUsers();
    expect(afterAdd.find((user) => user.userId === '4711')).toMatchObject({ uid, name, privilege: 0 });
    expect(simulator.users).toHaveLength(4);

    const renamed = fitUserName('Zoë Peña', table.recordSize, 'utf-8');
    expect(renamed).toBe(userRecordSize === 28 ? 'Zoë Pe' : 'Zoë Peña');
    await device.writeUser({ ...newHire, uid, name: renamed }, table.recordSize);
    expect((await device.readUsers()).find((user) => user.uid === uid)?.name).toBe(renamed);

    await device.deleteUser(uid);
    expect((await device.readUsers()).map((user) => user.userId)).not.toContain('4711');
  });

  it('refuses a new user on a full terminal, with a message that says what was refused', async () => {
    const { device } = await terminal({ userCount: 2, userCapacity: 2 }, transport);
    const error = await device.writeUser({ ...newHire, uid: 3 }, 72).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ZkError);
    expect((error as ZkError).code).toBe('device-refused');
    expect((error as ZkError).message).toContain('user 4711');
    expect(await device.readUsers()).toHaveLength(2);
  });
});

describe('what a terminal refuses', () => {
  it('refuses a record in the layout it does not use', async () => {
    const { device } = await terminal({ userCount: 1, userRecordSize: 72 }, 'tcp');
    await expect(device.writeUser({ ...newHire, uid: 2 }, 28)).rejects.toMatchObject({ code: 'device-refused' });
  });

  it('refuses a PIN that another uid holds', async () => {
    const { simulator, device } = await terminal({ userCount: 2 }, 'tcp');
    const taken = simulator.users[1]!.userId;
    await expect(device.writeUser({ ...newHire, uid: 9, userId: taken }, 72)).rejects.toMatchObject({ code: 'device-refused' });
  });

  it('reports a refused write as refused (firmware that answers ACK_ERROR)', async () => {
    const { device } = await terminal({ userCount: 1, faults: { ackErrorFor: CMD_USER_WRQ } }, 'udp');
    await expect(device.writeUser({ ...newHire, uid: 2 }, 72)).rejects.toMatchObject({ code: 'device-refused' });
  });

  it('times out, storing nothing, when the terminal freezes mid-write', async () => {
    const { simulator, device } = await terminal({ userCount: 1, faults: { crashAfterUserWrites: 1 } }, 'tcp');
    await device.writeUser({ ...newHire, uid: 2, userId: '100' }, 72);
    await expect(device.writeUser({ ...newHire, uid: 3, userId: '101' }, 72)).rejects.toMatchObject({ code: 'timeout' });
    expect(simulator.users.map((user) => user.userId)).toEqual(['1', '100']);
  });

  it('refuses to remove a uid it does not hold', async () => {
    const { device } = await terminal({ userCount: 1 }, 'tcp');
    await expect(device.deleteUser(42)).rejects.toMatchObject({ code: 'device-refused' });
  });
});

describe('an empty terminal', () => {
  it.each([28, 72] as const)('takes the %i-byte layout from its ~UserExtFmt option', async (userRecordSize) => {
    const { device } = await terminal({ userCount: 0, userRecordSize }, 'tcp');
    expect(await device.readUserTable()).toEqual({ users: [], recordSize: userRecordSize });
  });
});

describe('fitting names', () => {
  it('cuts by whole characters to the field, in the bytes of the encoding', () => {
    expect(fitUserName('Søren Ødegård', 28, 'utf-8')).toBe('Søren');
    expect(Buffer.byteLength(fitUserName('Søren Ødegård', 28, 'utf-8'))).toBeLessThanOrEqual(8);
    expect(fitUserName('Søren Ødegård', 28, 'windows-1252')).toBe('Søren Ød');
    expect(fitUserName('Conceição Brandão de Souza Lima', 72, 'utf-8')).toBe('Conceição Brandão de');
    expect(fitUserName('Dvořák', 72, 'latin1')).toBe('Dvorák');
  });

  it('keeps a letter and its combining mark together', () => {
    // x with an acute accent has no precomposed form: the 8-byte field ends inside it, so both go.
    expect(fitUserName('Abcdefx\u0301yz', 28, 'utf-8')).toBe('Abcdef');
  });
});
