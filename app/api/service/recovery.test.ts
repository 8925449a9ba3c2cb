import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, startZkSimulator } from '../../sim';
import { createPunchbridgeService } from '.';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('sends the punches that failed while ERPNext was down as soon as HR presses Sync now again', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-recovery-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const device = await startZkSimulator({ userCount: 5, recordCount: 12 });
  cleanups.push(() => device.close());
  const erpnext = await startErpnextSimulator({ employees: 5, faults: { maintenance: true } });
  cleanups.push(() => erpnext.close());
  const service = await createPunchbridgeService({ dataDir, mode: 'headless' });
  cleanups.push(() => service.close());

  expect((await service.getStatus()).running).toBe(false);
  await service.setPaused({ paused: true });
  await service.saveErpnextSettings({ url: erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, serverTimeZone: 'UTC' });
  await service.addDevice({ name: 'Main gate', host: '127.0.0.1', port: device.port, timeZone: 'UTC' });

  const down = await service.syncNow();
  expect(down.ok && down.value.counts.synced).toBe(0);
  const held = (await service.getStatus()).counts;
  expect(held.failed).toBeGreaterThan(0);
  expect(held.failed + held.pending).toBe(12);

  erpnext.setFaults({ maintenance: false });
  const back = await service.syncNow();
  expect(back.ok && back.value.counts.synced).toBe(12);
  expect(erpnext.checkins).toHaveLength(12);
  expect((await service.getStatus()).counts).toMatchObject({ failed: 0, synced: 12 });
});

it('sends the punches ERPNext refused for want of a log type once the device is set to tell IN from OUT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-recovery-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const device = await startZkSimulator({ userCount: 5, recordCount: 0 });
  cleanups.push(() => device.close());
  device.punch({ userId: '2', time: '2026-11-24 09:02:00', state: 0 });
  device.punch({ userId: '2', time: '2026-11-24 17:05:00', state: 1 });
  const erpnext = await startErpnextSimulator({
    employees: [{ name: 'HR-EMP-00002', employee_name: 'Shift Worker', attendance_device_id: '2', default_shift: 'Day Shift' }],
    shiftTypes: [{ name: 'Day Shift', start_time: '09:00:00', end_time: '17:00:00', determine_check_in_and_check_out: 'Strictly based on Log Type in Employee Checkin' }],
  });
  cleanups.push(() => erpnext.close());
  const service = await createPunchbridgeService({ dataDir, mode: 'headless' });
  cleanups.push(() => service.close());
  await service.setPaused({ paused: true });
  await service.saveErpnextSettings({ url: erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, serverTimeZone: 'UTC' });
  const added = await service.addDevice({ name: 'Main gate', host: '127.0.0.1', port: device.port, timeZone: 'UTC', logTypeRule: 'none' });
  if (!added.ok) throw new Error(added.error.message);

  await service.syncNow();
  const refused = await service.queryPunches({ states: ['rejected'] });
  expect(refused.rows.map((punch) => punch.lastError)).toEqual([
    'Log Type is required for check-ins falling in the shift: Day Shift.',
    'Log Type is required for check-ins falling in the shift: Day Shift.',
  ]);

  await service.updateDevice({ id: added.value.id, changes: { name: 'Main gate (front)' } });
  expect((await service.getStatus()).counts.rejected).toBe(2);
  await service.updateDevice({ id: added.value.id, changes: { logTypeRule: 'auto' } });
  expect((await service.getStatus()).counts).toMatchObject({ rejected: 0, pending: 2 });
  await service.syncNow();
  expect(erpnext.checkins.map((checkin) => [checkin.time, checkin.log_type])).toEqual([
    ['2026-11-24 09:02:00', 'IN'],
    ['2026-11-24 17:05:00', 'OUT'],
  ]);
});
