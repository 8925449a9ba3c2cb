import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localTimeZone, type PunchbridgeEvent } from '../contract';
import { createPunchbridgeService, type PunchbridgeService } from '.';

describe('the Punchbridge service in demo mode', () => {
  let service: PunchbridgeService | undefined;
  let dataDir: string;
  afterEach(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('syncs the demo devices into the demo ERPNext, holds unknown users, and sends them once mapped', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-service-'));
    service = await createPunchbridgeService({ dataDir, mode: 'demo' });
    await service.setPaused({ paused: true });
    const events: PunchbridgeEvent[] = [];
    service.subscribe((event) => events.push(event));

    const before = await service.getStatus();
    expect(before).toMatchObject({ mode: 'demo', erpnextConfigured: true, devicesConfigured: true });
    expect((await service.listDevices()).map((device) => device.name).sort()).toEqual(['Back office', 'Main gate', 'Warehouse']);

    const run = await service.syncNow();
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.devices.every((device) => device.ok)).toBe(true);
    expect(run.value.counts.read).toBe(1050);
    expect(run.value.counts.unmatched).toBeGreaterThan(0);
    expect(events.some((event) => event.type === 'progress')).toBe(true);
    expect(events.some((event) => event.type === 'run-finished')).toBe(true);

    const unmatched = await service.listUnmatchedUsers();
    expect(unmatched.map((user) => user.userId).sort()).toEqual(['41', '42', '43', '44', '45']);
    expect(events.find((event) => event.type === 'unmatched-users')).toBeDefined();
    const status = await service.getStatus();
    expect(status.unmatchedUsers).toBe(5);
    expect(status.attention.map((item) => item.code)).toContain('unmatched-users');
    expect((await service.listDevices()).find((device) => device.name === 'Back office')?.status).toBe('warning');

    const unaccented = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const newHires = await service.searchEmployees({ text: unaccented(unmatched[0]!.nameOnDevice!) });
    expect(newHires.ok && newHires.value.map((employee) => [employee.employeeName, employee.attendanceDeviceId])).toEqual([[unaccented(unmatched[0]!.nameOnDevice!), null]]);
    const employees = await service.searchEmployees({ text: 'Aisha' });
    if (!employees.ok) throw new Error(employees.error.message);
    const target = employees.value[0]!;
    const mapped = await service.mapUsers({ mappings: [{ userId: '41', employee: target.name }], writeToErpnext: false });
    expect(mapped).toMatchObject({ ok: true, value: { mapped: 1, failures: [] } });
    expect(mapped.ok && mapped.value.requeued).toBe(unmatched.find((user) => user.userId === '41')!.punchCount);

    const rejected = (await service.getStatus()).counts.rejected;
    expect(rejected).toBeGreaterThan(0);
    expect(await service.retryPunches({ filter: { states: ['rejected'] } })).toEqual({ ok: true, value: { requeued: rejected } });

    const second = await service.syncNow();
    expect(second.ok && second.value.counts.new).toBe(0);
    const page = await service.queryPunches({ search: '41', states: ['synced'], limit: 5 });
    expect(page.rows[0]).toMatchObject({ userId: '41', employee: target.name, state: 'synced' });
    expect(page.rows[0]!.checkinName).toMatch(/^EMP-CKIN-\d{2}-\d{4}-\d{6}$/);
  });

  it('refuses to sync with nothing to read, saying what to add', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-service-'));
    service = await createPunchbridgeService({ dataDir, mode: 'headless' });
    await service.setPaused({ paused: true });
    expect(await service.syncNow()).toMatchObject({ ok: false, error: { code: 'nothing-to-sync', action: 'Add a device on the Devices page, then sync.' } });
    expect(await service.getStatus()).toMatchObject({ erpnextConfigured: false, devicesConfigured: false, mode: 'headless' });
  });

  it('exports the punch list as CSV that keeps formulas out of spreadsheets', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-service-'));
    service = await createPunchbridgeService({ dataDir, mode: 'demo' });
    await service.setPaused({ paused: true });
    await service.syncNow();
    const exported = await service.exportPunchesCsv({ states: ['unmatched'] });
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.value.csv.startsWith('\uFEFF')).toBe(true);
    const lines = exported.value.csv.trim().split('\r\n');
    const zone = localTimeZone();
    expect(lines[0]).toBe(`Device,Device serial,User ID,Employee,Employee name,Device time,ERPNext time,Log type,Key pressed,Verified by,State,Reason,Time note,Employee Checkin,Attempts,How it arrived,Received (${zone}),Sent to ERPNext (${zone})`);
    expect(lines.length - 1).toBe((await service.getStatus()).counts.unmatched);
    expect(exported.value.fileName).toMatch(/^punchbridge-punches-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
