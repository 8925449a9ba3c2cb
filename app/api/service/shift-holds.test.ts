// The dashboard names the punches that keep a Shift Type's last sync from moving, so
// that HR can map, retry or ignore them and let auto attendance go on.
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, startZkSimulator } from '../../sim';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService } from '.';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('shows which punches hold a shift back, and lets it go once they are dealt with', async () => {
  const device = await startZkSimulator({ userCount: 5, recordCount: 30 });
  cleanups.push(() => device.close());
  // Four employees for five device users: user 5 matches nobody.
  const erpnext = await startErpnextSimulator({ employees: 4, shiftTypes: [{ name: 'Day Shift' }] });
  cleanups.push(() => erpnext.close());
  const service = await createPunchbridgeService({ dataDir: tempFolder('shift-holds'), mode: 'headless' });
  cleanups.push(() => service.close());
  await service.setPaused({ paused: true });
  await service.saveErpnextSettings({ url: erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, serverTimeZone: 'UTC' });
  await service.addDevice({ name: 'Main gate', host: '127.0.0.1', port: device.port, timeZone: 'UTC' });
  await service.saveSyncSettings({ shiftTypes: [{ name: 'Day Shift', deviceIds: [] }] });
  await service.syncNow();

  const held = (await service.queryPunches({ states: ['unmatched'], limit: 100 })).rows;
  expect(held.length).toBeGreaterThan(0);
  const first = [...held].sort((a, b) => a.deviceTime.localeCompare(b.deviceTime))[0]!;
  const hold = (await service.getStatus()).attention.find((item) => item.code === 'shift-held-back');
  expect(hold?.message).toBe(
    `Shift Type "Day Shift" cannot move past ${first.deviceTime}: ${held.length} punches of its devices are not in ERPNext yet, the first from user 5 on Main gate (unmatched).`,
  );

  const ignored = await service.ignorePunches({ ids: held.map((punch) => punch.id) });
  expect(ignored.ok).toBe(true);
  expect((await service.getStatus()).attention.find((item) => item.code === 'shift-held-back')).toBeUndefined();
});
