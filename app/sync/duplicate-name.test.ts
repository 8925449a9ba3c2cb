// When ERPNext answers "already has a log with the same timestamp", its answer links
// the checkin it has; the journal keeps that name, so the punch can be found in ERPNext.
import { afterEach, expect, it } from 'vitest';
import { createErpnextClient } from '../erpnext';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from '../sim/erpnext';
import { startHarness, type Harness } from './test-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

it('keeps the name of the checkin ERPNext already had for a punch', async () => {
  harness = await startHarness({ devices: [{ simulator: { recordCount: 5 } }] });
  const record = harness.devices[0]!.simulator.records[0]!;
  // The checkin was made before, by an earlier install or a run that lost its answer.
  const created = createErpnextClient({ url: harness.erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET });
  if (!created.ok) throw new Error(created.error.message);
  const state = Number(record.state);
  const logType = [0, 4].includes(state) ? 'IN' : [1, 5].includes(state) ? 'OUT' : null;
  const earlier = await created.value.pushCheckin({ employeeFieldValue: record.userId, timestamp: record.time, deviceId: 'Device 1', logType });
  created.value.close();
  expect(earlier.kind).toBe('accepted');
  const existingName = earlier.kind === 'accepted' ? earlier.checkinName : '';

  const summary = await harness.engine.runOnce('manual');
  expect(summary.counts).toMatchObject({ synced: 4, duplicates: 1 });
  const [punch] = harness.journal.queryPunches({ search: existingName, limit: 10 }).rows;
  expect(punch).toMatchObject({ userId: record.userId, deviceTime: record.time, state: 'synced', checkinName: existingName });
});
