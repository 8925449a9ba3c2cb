import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from '../../sim';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

// The demo's Main gate has people ERPNext does not know (device users 41-45); three of them exist
// in ERPNext without an Attendance Device ID.
describe('links between device users and employees', () => {
  let service: PunchbridgeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  async function syncedDemo(): Promise<PunchbridgeService> {
    service = await createPunchbridgeService({ dataDir: tempFolder('mapping'), mode: 'demo' });
    await service.setPaused({ paused: true });
    await service.syncNow();
    return service;
  }

  async function employeeInErpnext(demo: PunchbridgeService, employee: string): Promise<{ attendance_device_id: string | null }> {
    const response = await fetch(`${(await demo.getErpnextSettings())!.url}/api/resource/Employee/${employee}`, {
      headers: { authorization: `token ${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}` },
    });
    return ((await response.json()) as { data: { attendance_device_id: string | null } }).data;
  }

  async function newHire(demo: PunchbridgeService) {
    const unknown = (await demo.listUnmatchedUsers()).find((user) => user.nameOnDevice)!;
    const plain = unknown.nameOnDevice!.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const found = await demo.searchEmployees({ text: plain });
    if (!found.ok) throw new Error(found.error.message);
    return { user: unknown, employee: found.value[0]! };
  }

  it('keeps a link saved to ERPNext in the Linked list, with the employee name, and undoes it there', async () => {
    const demo = await syncedDemo();
    const { user, employee } = await newHire(demo);
    expect(employee.attendanceDeviceId).toBeNull();

    const mapped = await demo.mapUsers({ mappings: [{ userId: user.userId, employee: employee.name }], writeToErpnext: true });
    expect(mapped).toMatchObject({ ok: true, value: { mapped: 1, failures: [] } });
    expect((await employeeInErpnext(demo, employee.name)).attendance_device_id).toBe(user.userId);
    expect(await demo.listMappings()).toEqual([expect.objectContaining({ userId: user.userId, deviceId: null, employee: employee.name, employeeName: employee.employeeName, inErpnext: true })]);

    expect(await demo.unmapUser({ userId: user.userId, deviceId: null })).toEqual({ ok: true, value: { removed: true } });
    expect((await employeeInErpnext(demo, employee.name)).attendance_device_id).toBeNull();
    expect(await demo.listMappings()).toEqual([]);
  });

  it('leaves an Attendance Device ID alone that someone changed in ERPNext after the link', async () => {
    const demo = await syncedDemo();
    const { user, employee } = await newHire(demo);
    await demo.mapUsers({ mappings: [{ userId: user.userId, employee: employee.name }], writeToErpnext: true });
    await fetch(`${(await demo.getErpnextSettings())!.url}/api/resource/Employee/${employee.name}`, {
      method: 'PUT',
      headers: { authorization: `token ${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ attendance_device_id: '9999' }),
    });

    expect(await demo.unmapUser({ userId: user.userId, deviceId: null })).toMatchObject({ ok: false, error: { code: 'mapping-changed-in-erpnext' } });
    expect((await employeeInErpnext(demo, employee.name)).attendance_device_id).toBe('9999');
    expect(await demo.listMappings()).toHaveLength(1);
  });

  it('names the employee of a link made in Punchbridge only', async () => {
    const demo = await syncedDemo();
    const { user, employee } = await newHire(demo);
    await demo.mapUsers({ mappings: [{ userId: user.userId, deviceId: user.deviceId, employee: employee.name }], writeToErpnext: false });
    expect(await demo.listMappings()).toEqual([expect.objectContaining({ employee: employee.name, employeeName: employee.employeeName, inErpnext: false })]);
  });
});
