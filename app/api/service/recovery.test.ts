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
