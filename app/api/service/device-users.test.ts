import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RUN_LOCK_FILE_NAME } from '../../sync';
import { waitForRunLock } from '../../sync/run-lock';
import { parseApiInput } from '../contract';
import { createPunchbridgeService, type PunchbridgeService } from '.';

describe('employees to the terminals through the service (demo mode)', () => {
  let service: PunchbridgeService | undefined;
  let dataDir: string;
  afterEach(async () => {
    await service?.close();
    service = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('previews each terminal, makes only the approved changes, and records them for History', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-device-users-'));
    service = await createPunchbridgeService({ dataDir, mode: 'demo' });
    await service.setPaused({ paused: true });

    const preview = await service.previewDeviceUsers({});
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.devices.map((device) => device.deviceName).sort()).toEqual(['Back office', 'Main gate', 'Warehouse']);
    expect(preview.value.devices.every((device) => device.error === null)).toBe(true);
    // The demo's 40 employees carry device ids 1-40; the Warehouse terminal holds 1-30.
    expect(preview.value.employees).toHaveLength(40);
    const gate = preview.value.devices.find((device) => device.deviceName === 'Warehouse')!;
    const adds = gate.changes.filter((change) => change.kind === 'add');
    expect(adds.length).toBeGreaterThan(0);
    expect(gate.changes.some((change) => change.kind === 'remove')).toBe(false);

    const approved = adds.slice(0, 2).map((change) => ({ deviceId: gate.deviceId, kind: change.kind, userId: change.userId }));
    const applied = await service.applyDeviceUsers({ approved });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value).toHaveLength(1);
    expect(applied.value[0]!.results.map((result) => [result.userId, result.outcome])).toEqual(approved.map((change) => [change.userId, 'done']));

    const history = await service.listDeviceUserChanges({});
    expect(history.map((entry) => [entry.deviceName, entry.userId, entry.outcome])).toEqual(approved.map((change) => ['Warehouse', change.userId, 'done']).reverse());
    expect(history[0]!.requestedBy).toMatch(/^demo/);

    const again = await service.previewDeviceUsers({ deviceId: gate.deviceId });
    expect(again.ok && again.value.devices[0]!.userIds).toContain(approved[0]!.userId);
    expect(again.ok && again.value.devices[0]!.changes.map((change) => change.userId)).not.toContain(approved[0]!.userId);
  });

  it('makes its changes only once a sync (here: another process) has let go of the run lock', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-device-users-'));
    service = await createPunchbridgeService({ dataDir, mode: 'demo' });
    await service.setPaused({ paused: true });
    const preview = await service.previewDeviceUsers({});
    if (!preview.ok) throw new Error(preview.error.message);
    const gate = preview.value.devices.find((device) => device.deviceName === 'Warehouse')!;
    const add = gate.changes.find((change) => change.kind === 'add')!;

    const sync = await waitForRunLock(join(dataDir, RUN_LOCK_FILE_NAME), 60_000);
    if (!sync.ok) throw new Error('the test could not take the run lock');
    let settled = false;
    const applying = service.applyDeviceUsers({ approved: [{ deviceId: gate.deviceId, kind: add.kind, userId: add.userId }] }).finally(() => (settled = true));
    // A whole preview (ERPNext and every terminal read) goes by while the sync holds the lock.
    const during = await service.previewDeviceUsers({ deviceId: gate.deviceId });
    expect(settled).toBe(false);
    expect(during.ok && during.value.devices[0]!.userIds).not.toContain(add.userId);
    expect(await service.listDeviceUserChanges({})).toEqual([]);
    sync.release();
    const applied = await applying;
    expect(applied.ok && applied.value[0]!.results.map((result) => result.outcome)).toEqual(['done']);
  });
});

describe('the device-user methods at the door', () => {
  it('refuses an apply with nothing approved', () => {
    expect(parseApiInput('applyDeviceUsers', { approved: [] })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('at least one') } });
  });
});
