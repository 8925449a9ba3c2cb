// Employees to an ADMS terminal through the service: the preview plans against the users it
// uploaded, applying queues commands, and each change stays queued in History until the terminal,
// polling the real receiver port, answers done or refused.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdmsDeviceSimulator } from '../../sim/adms';
import { openSettings } from '../../settings';
import { tempFolder } from '../../testing/temp-folders';
import { freePort } from './host-test-support';
import { createPunchbridgeService, DEMO_FOLDER_NAME, type PunchbridgeService } from '.';

const SERIAL = 'CQZ7232960466';
let service: PunchbridgeService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function demoWithTerminal(refuseCommandsWith?: number) {
  const dataDir = tempFolder('device-users-adms');
  const port = await freePort();
  openSettings(join(dataDir, DEMO_FOLDER_NAME)).setSyncSettings({ admsPort: port });
  service = await createPunchbridgeService({ dataDir, mode: 'demo', admsHost: '127.0.0.1' });
  await service.setPaused({ paused: true });
  const terminal = new AdmsDeviceSimulator({ serverUrl: `http://127.0.0.1:${port}`, serialNumber: SERIAL, refuseCommandsWith });
  expect((await terminal.handshake()).status).toBe(403);
  const approved = await service.approveAdmsDevice({ serialNumber: SERIAL, name: 'Front door', timeZone: 'UTC' });
  if (!approved.ok) throw new Error(approved.error.message);
  expect(await terminal.uploadUsers([{ userId: '1', name: 'Already here' }])).toEqual({ status: 200, body: 'OK' });
  return { api: service, terminal, deviceId: approved.value.id };
}

async function previewAdds(api: PunchbridgeService, deviceId: string) {
  const preview = await api.previewDeviceUsers({ deviceId });
  if (!preview.ok) throw new Error(preview.error.message);
  const [device] = preview.value.devices;
  expect(device).toMatchObject({ deviceName: 'Front door', error: null, userIds: ['1'] });
  return device!.changes.filter((change) => change.kind === 'add');
}

describe('employees to an ADMS terminal', { timeout: 30_000 }, () => {
  it('previews the adds, queues the approved ones, and records them done once the terminal answers Return=0', async () => {
    const { api, terminal, deviceId } = await demoWithTerminal();
    const adds = await previewAdds(api, deviceId);
    expect(adds.map((change) => change.userId)).not.toContain('1');
    const chosen = adds.slice(0, 2);

    const applied = await api.applyDeviceUsers({ approved: chosen.map((change) => ({ deviceId, kind: change.kind, userId: change.userId })) });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value[0]!.results.map((result) => [result.userId, result.outcome])).toEqual(chosen.map((change) => [change.userId, 'queued']));
    expect((await api.listDeviceUserChanges({})).map((entry) => entry.outcome)).toEqual(['queued', 'queued']);

    expect((await terminal.pollAndRun()).map((answer) => answer.returnCode)).toEqual([0, 0]);
    const history = await api.listDeviceUserChanges({});
    expect(history.map((entry) => [entry.deviceName, entry.userId, entry.outcome, entry.error])).toEqual(chosen.map((change) => ['Front door', change.userId, 'done', null]).reverse());
    expect(chosen.map((change) => terminal.users.get(change.userId)?.name)).toEqual(chosen.map((change) => change.name));
  });

  it('records a change the terminal refuses as refused, with its Return code', async () => {
    const { api, terminal, deviceId } = await demoWithTerminal(-1002);
    const [add] = await previewAdds(api, deviceId);
    const applied = await api.applyDeviceUsers({ approved: [{ deviceId, kind: add!.kind, userId: add!.userId }] });
    expect(applied.ok && applied.value[0]!.results.map((result) => result.outcome)).toEqual(['queued']);

    await terminal.pollAndRun();
    expect(await api.listDeviceUserChanges({})).toMatchObject([{ userId: add!.userId, outcome: 'refused', error: expect.stringContaining('Return=-1002') }]);
    expect(terminal.users.has(add!.userId)).toBe(false);
  });

  it('queues one command per person when HR applies twice before the terminal polls, and shows them as waiting meanwhile', async () => {
    const { api, terminal, deviceId } = await demoWithTerminal();
    const chosen = (await previewAdds(api, deviceId)).slice(0, 2);
    const approved = chosen.map((change) => ({ deviceId, kind: change.kind, userId: change.userId }));
    expect((await api.applyDeviceUsers({ approved })).ok).toBe(true);

    const again = await api.previewDeviceUsers({ deviceId });
    if (!again.ok) throw new Error(again.error.message);
    const [device] = again.value.devices;
    expect(device!.changes.map((change) => change.userId)).not.toContain(chosen[0]!.userId);
    expect(device!.waiting.map((entry) => [entry.kind, entry.userId, entry.name, entry.sent])).toEqual(chosen.map((change) => ['add', change.userId, change.name, false]));
    expect(device!.waiting.every((entry) => !Number.isNaN(Date.parse(entry.since)))).toBe(true);
    const second = await api.applyDeviceUsers({ approved });
    expect(second.ok && second.value.flatMap((outcome) => outcome.results)).toEqual([]);

    const answers = await terminal.pollAndRun();
    expect(answers.map((answer) => answer.command.split('\t')[0])).toEqual(chosen.map((change) => `DATA UPDATE USERINFO PIN=${change.userId}`));
    expect((await api.listDeviceUserChanges({})).map((entry) => entry.outcome)).toEqual(['done', 'done']);
  });

  it('plans nothing again for a change the terminal answered done, before and after it uploads its users', async () => {
    const { api, terminal, deviceId } = await demoWithTerminal();
    const chosen = (await previewAdds(api, deviceId)).slice(0, 1);
    await api.applyDeviceUsers({ approved: chosen.map((change) => ({ deviceId, kind: change.kind, userId: change.userId })) });
    await terminal.pollAndRun();

    const answered = await api.previewDeviceUsers({ deviceId });
    expect(answered.ok && answered.value.devices[0]!).toMatchObject({ waiting: [], userIds: ['1', chosen[0]!.userId].sort() });
    expect(answered.ok && answered.value.devices[0]!.changes.map((change) => change.userId)).not.toContain(chosen[0]!.userId);

    await terminal.uploadOwnUsers();
    const uploaded = await api.previewDeviceUsers({ deviceId });
    expect(uploaded.ok && uploaded.value.devices[0]!.changes.map((change) => change.userId)).not.toContain(chosen[0]!.userId);
  });

  it('plans a change again once the terminal refused it: that is the retry', async () => {
    const { api, terminal, deviceId } = await demoWithTerminal(-1002);
    const [add] = await previewAdds(api, deviceId);
    await api.applyDeviceUsers({ approved: [{ deviceId, kind: add!.kind, userId: add!.userId }] });
    expect((await previewAdds(api, deviceId)).map((change) => change.userId)).not.toContain(add!.userId);

    await terminal.pollAndRun();
    expect((await previewAdds(api, deviceId)).map((change) => change.userId)).toContain(add!.userId);
  });
});
