// An HR User cannot read System Settings (docs/frappe-hr.md §3.8), so the server's time zone is
// what the person chose. ERPNext stamps each new checkin's `creation` on its own clock, in its own
// zone: when those stamps sit hours away from now in the chosen zone, the choice is wrong, and
// every checkin is off by as much. The run says so.
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

it('warns when ERPNext stamps new checkins hours away from the chosen server zone', async () => {
  harness = await startHarness({ erpnext: { timeZone: 'Asia/Kolkata' }, erpnextSettings: { serverTimeZone: 'UTC' } });
  const summary = await harness.engine.runOnce('manual');
  expect(summary.counts.synced).toBe(50);
  expect(summary.warnings.join(' ')).toMatch(/ERPNext stamped the new checkins 5 h 30 min ahead of the time in UTC/);
});

it('says nothing when the chosen zone is the server\'s', async () => {
  harness = await startHarness({ erpnext: { timeZone: 'Asia/Kolkata' }, erpnextSettings: { serverTimeZone: 'Asia/Kolkata' } });
  const summary = await harness.engine.runOnce('manual');
  expect(summary.counts.synced).toBe(50);
  expect(summary.warnings).toEqual([]);
});
