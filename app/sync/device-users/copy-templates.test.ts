import { afterEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../../sim/zk';
import { connectZk, type ZkDevice } from '../../zk';
import { CMD_SAVE_USERTEMPS } from '../../zk/templates';
import { readFingerprints, writeFingerprints } from './copy-templates';

const running: { simulators: ZkSimulator[]; clients: ZkDevice[] } = { simulators: [], clients: [] };
afterEach(async () => {
  await Promise.all(running.clients.splice(0).map((client) => client.disconnect()));
  await Promise.all(running.simulators.splice(0).map((simulator) => simulator.close()));
});

async function terminal(options: ZkSimulatorOptions, transport: 'tcp' | 'udp') {
  const simulator = await startZkSimulator({ recordCount: 0, ...options });
  running.simulators.push(simulator);
  const device = await connectZk({ host: simulator.host, port: simulator.port, transport, timeoutMs: 1500 });
  running.clients.push(device);
  return { simulator, device };
}

describe.each(['tcp', 'udp'] as const)('copying fingerprints over %s', (transport) => {
  it.each([28, 72] as const)('copies a user\'s fingers byte for byte to a %i-byte terminal, under the uid it knows them by', async (userRecordSize) => {
    const source = await terminal({ userCount: 3, templatesPerUser: 2, seed: 7 }, transport);
    // The target has user "2" at another uid and no fingers at all.
    const target = await terminal({ userCount: 0, userRecordSize }, transport);
    await target.device.writeUser({ uid: 9, userId: '2', name: 'Door two', privilege: 0, password: '', cardNumber: 0, group: 1 }, userRecordSize);

    const { plans } = await readFingerprints(source.device);
    expect(plans.map((plan) => [plan.userId, plan.fingers.length])).toEqual([
      ['1', 2],
      ['2', 2],
      ['3', 2],
    ]);
    const results = await writeFingerprints(target.device, plans.filter((plan) => plan.userId !== '1'));
    expect(results.map((result) => [result.userId, result.outcome])).toEqual([
      ['2', 'done'],
      ['3', 'done'],
    ]);
    const sourceFingers = source.simulator.templates.filter((finger) => finger.uid === 2).map((finger) => finger.template.toString('hex'));
    expect(target.simulator.templates.filter((finger) => finger.uid === 9).map((finger) => finger.template.toString('hex'))).toEqual(sourceFingers);
    expect(target.simulator.users.find((user) => user.uid === 9)?.name).toBe('Door two');
    expect(target.simulator.users.find((user) => user.userId === '3')).toMatchObject({ uid: 10, privilege: 0 });
  });
});

describe('terminals that take no more fingers', () => {
  it('reports a full fingerprint store as refused, and writes nothing for that user', async () => {
    const source = await terminal({ userCount: 2, templatesPerUser: 3 }, 'tcp');
    const target = await terminal({ userCount: 0, fingerCapacity: 4 }, 'tcp');
    const { plans } = await readFingerprints(source.device);
    const results = await writeFingerprints(target.device, plans);
    expect(results.map((result) => [result.userId, result.outcome])).toEqual([
      ['1', 'done'],
      ['2', 'refused'],
    ]);
    expect(target.simulator.templates).toHaveLength(3);
    expect(target.simulator.users.map((user) => user.userId)).toEqual(['1']);
  });

  it('reports firmware that refuses template writes as refused', async () => {
    const source = await terminal({ userCount: 1, templatesPerUser: 1 }, 'udp');
    const target = await terminal({ userCount: 0, faults: { ackErrorFor: CMD_SAVE_USERTEMPS } }, 'udp');
    const results = await writeFingerprints(target.device, (await readFingerprints(source.device, '1')).plans);
    expect(results).toEqual([expect.objectContaining({ userId: '1', outcome: 'refused' })]);
    expect(target.simulator.templates).toHaveLength(0);
  });
});
