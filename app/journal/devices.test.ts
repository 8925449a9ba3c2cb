import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../vocabulary';
import { deviceConfig, punch, tempJournal } from './test-support';

describe('devices', () => {
  it('adds a device with an id made from its name, and never stores the comm key', () => {
    const journal = tempJournal();
    const first = journal.addDevice(deviceConfig({ name: 'Main Gate (north)', commKey: '123456', timeZone: 'Asia/Kolkata' }));
    const second = journal.addDevice(deviceConfig({ name: 'Main Gate (north)' }));
    expect(first).toMatchObject({ id: 'main-gate-north', name: 'Main Gate (north)', timeZone: 'Asia/Kolkata', port: 4370, serialNumber: null, lastReadAt: null });
    expect(second.id).toBe('main-gate-north-2');
    expect(first).not.toHaveProperty('commKey');
    expect(journal.listDevices().map((device) => device.id)).toEqual(['main-gate-north', 'main-gate-north-2']);
  });

  it('updates the config by merging changes', () => {
    const journal = tempJournal();
    const device = journal.addDevice(deviceConfig());
    const updated = journal.updateDevice(device.id, { port: 4371, clearPolicy: { mode: 'when-fuller-than', percent: 80 }, commKey: '42' });
    expect(updated).toMatchObject({ name: 'Main gate', port: 4371, clearPolicy: { mode: 'when-fuller-than', percent: 80 } });
    expect(updated).not.toHaveProperty('commKey');
    expect(journal.updateDevice('missing', { port: 1 })).toBeNull();
  });

  it('records reads and errors', () => {
    const journal = tempJournal();
    const device = journal.addDevice(deviceConfig());
    const error = { code: 'device-unreachable', message: 'No answer from 192.168.1.201:4370', action: 'Check that the device is on.' };
    journal.recordDeviceError(device.id, error);
    expect(journal.getDevice(device.id)?.lastError).toEqual(error);

    journal.recordDeviceRead(device.id, { serialNumber: 'CQZ7200001', readAt: '2026-03-02T09:00:00.000Z', clockSkewSeconds: -4, recordCount: 812, recordCapacity: 100_000 });
    expect(journal.getDevice(device.id)).toMatchObject({
      serialNumber: 'CQZ7200001',
      lastReadAt: '2026-03-02T09:00:00.000Z',
      lastError: null,
      clockSkewSeconds: -4,
      recordCount: 812,
      recordCapacity: 100_000,
    });
    // The serial now belongs to this device: punches pushed by it (ADMS, without a device id) show under it.
    journal.insertPunches('CQZ7200001', null, 'adms', [punch('1', '2026-03-01 08:00:00')]);
    expect(journal.queryPunches({ deviceId: device.id }).rows[0]).toMatchObject({ deviceId: device.id, deviceName: 'Main gate' });
  });

  it('removes a device but keeps its punches, under its name and without a device id', () => {
    const journal = tempJournal();
    const device = journal.addDevice(deviceConfig());
    journal.insertPunches('CQZ7200001', device.id, 'zk', [punch('1', '2026-03-01 08:00:00'), punch('2', '2026-03-01 08:01:00')]);
    journal.setMapping({ userId: '1', deviceId: device.id, employee: 'HR-EMP-0001', employeeName: null });
    journal.recordDeviceClear({ deviceId: device.id, deviceSerial: 'CQZ7200001', clearedAt: '2026-03-02T09:00:00.000Z', recordsRead: 2, recordsCommitted: 2 });

    expect(journal.removeDevice(device.id)).toEqual({ keptPunches: 2 });
    expect(journal.removeDevice(device.id)).toBeNull();
    expect(journal.getDevice(device.id)).toBeNull();
    expect(journal.queryPunches({}).rows.map((row) => [row.deviceId, row.deviceName])).toEqual([
      [null, 'Main gate'],
      [null, 'Main gate'],
    ]);
    expect(journal.listMappings()).toEqual([]);
  });

  it('keeps device users by serial, updating names', () => {
    const journal = tempJournal();
    journal.upsertDeviceUsers('CQZ7200001', [
      { userId: '2', name: 'Bilal', privilege: 0, cardNumber: 0 },
      { userId: '1', name: 'Asha', privilege: 14, cardNumber: 5566 },
    ]);
    journal.upsertDeviceUsers('CQZ7200001', [{ userId: '2', name: 'Bilal Khan', privilege: 0, cardNumber: 0 }]);
    expect(journal.listDeviceUsers('CQZ7200001')).toEqual([
      { userId: '1', name: 'Asha', privilege: 14, cardNumber: 5566 },
      { userId: '2', name: 'Bilal Khan', privilege: 0, cardNumber: 0 },
    ]);
  });

  it('refuses device users whose numbers the journal could not read back, writing none of the batch', () => {
    const journal = tempJournal();
    const good = { userId: '1', name: 'Asha', privilege: 0, cardNumber: 5566 };
    for (const bad of [{ cardNumber: 1e20 }, { cardNumber: -1 }, { privilege: 256 }, { userId: '' }, { userId: 'x'.repeat(25) }]) {
      expect(() => journal.upsertDeviceUsers('CQZ7200001', [good, { ...good, userId: '2', ...bad }])).toThrow(/Not a device user/);
    }
    expect(journal.listDeviceUsers('CQZ7200001')).toEqual([]);
  });

  it('records each clear', () => {
    const journal = tempJournal();
    const device = journal.addDevice(deviceConfig());
    const clear = journal.recordDeviceClear({ deviceId: device.id, deviceSerial: 'CQZ7200001', clearedAt: '2026-03-02T09:00:00.000Z', recordsRead: 812, recordsCommitted: 812 });
    expect(journal.listDeviceClears(device.id)).toEqual([clear]);
  });
});

describe('employee mappings', () => {
  it('resolves a device-specific mapping before an all-devices one', () => {
    const journal = tempJournal();
    const gate = journal.addDevice(deviceConfig({ name: 'Gate' }));
    const door = journal.addDevice(deviceConfig({ name: 'Door' }));
    journal.setMapping({ userId: '7', deviceId: null, employee: 'HR-EMP-0007', employeeName: 'Asha Rao' });
    journal.setMapping({ userId: '7', deviceId: door.id, employee: 'HR-EMP-0099', employeeName: 'Chen Wei' });

    expect(journal.resolveEmployee('7', gate.id)).toEqual({ employee: 'HR-EMP-0007', employeeName: 'Asha Rao' });
    expect(journal.resolveEmployee('7', door.id)).toEqual({ employee: 'HR-EMP-0099', employeeName: 'Chen Wei' });
    expect(journal.resolveEmployee('7', null)).toEqual({ employee: 'HR-EMP-0007', employeeName: 'Asha Rao' });
    expect(journal.resolveEmployee('8', gate.id)).toBeNull();
  });

  it('replaces a mapping for the same user and device, and removes it', () => {
    const journal = tempJournal();
    journal.setMapping({ userId: '7', deviceId: null, employee: 'HR-EMP-0007', employeeName: null });
    const replaced = journal.setMapping({ userId: '7', deviceId: null, employee: 'HR-EMP-0008', employeeName: 'Dana' });
    expect(replaced).toEqual({ userId: '7', deviceId: null, employee: 'HR-EMP-0008', employeeName: 'Dana', createdAt: '2026-03-02T09:00:00.000Z', inErpnext: false });
    expect(journal.listMappings()).toEqual([replaced]);
    expect(journal.removeMapping('7', null)).toBe(true);
    expect(journal.removeMapping('7', null)).toBe(false);
    expect(journal.resolveEmployee('7', null)).toBeNull();
  });
});

describe('sync runs', () => {
  it('lists finished runs newest first with their whole summary', () => {
    const journal = tempJournal();
    const first = journal.startRun('manual');
    const second = journal.startRun('schedule');
    const summary = (id: number, startedAt: string): RunSummary => ({
      id,
      trigger: 'manual',
      startedAt,
      finishedAt: '2026-03-02T09:01:00.000Z',
      outcome: 'partial',
      counts: { read: 10, new: 4, synced: 3, duplicates: 0, unmatched: 1, rejected: 0, failed: 0 },
      devices: [{ deviceId: 'gate', deviceName: 'Gate', serialNumber: 'X1', ok: true, read: 10, new: 4, cleared: false, clockSkewSeconds: 3, error: null, durationMs: 812 }],
      errors: [{ code: 'device-unreachable', message: 'No answer', action: 'Check the cable.' }],
      warnings: ['The clock of Gate is 3 minutes off.'],
    });
    expect(journal.listRuns(10)).toEqual([]);
    journal.finishRun(summary(first.id, first.startedAt));
    expect(journal.getRun(second.id)).toBeNull();
    journal.finishRun({ ...summary(second.id, second.startedAt), trigger: 'schedule', outcome: 'ok' });

    expect(journal.listRuns(10).map((run) => [run.id, run.trigger, run.outcome])).toEqual([
      [second.id, 'schedule', 'ok'],
      [first.id, 'manual', 'partial'],
    ]);
    expect(journal.getRun(first.id)).toEqual(summary(first.id, '2026-03-02T09:00:00.000Z'));
    expect(journal.listRuns(1)).toHaveLength(1);
  });
});
