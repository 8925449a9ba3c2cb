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
});
