// What needs no request makes none: punches of a device user id that matches no employee in the
// Employee list the run has just read cost one checkin call, whose answer holds for all of them.
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

it('holds the punches of a user id no employee has without sending them, and sends the rest once each', async () => {
  // Ten users on the device, nine employees: user 10 matches nobody.
  harness = await startHarness({ devices: [{ simulator: { recordCount: 200 } }], erpnext: { employees: 9 } });
  const summary = await harness.engine.runOnce('manual');
  const unmatched = harness.journal.queryPunches({ states: ['unmatched'], limit: 1000 }).rows;
  expect(unmatched.length).toBeGreaterThan(0);
  expect(unmatched.every((punch) => punch.userId === '10')).toBe(true);
  // One call per punch sent, the endpoint probe, and one punch of user 10 that ERPNext refused.
  expect(unmatched.length).toBeGreaterThan(1);
  expect(harness.erpnext.checkinCallCount).toBe(200 - unmatched.length + 1 + 1);
  expect(summary.counts).toMatchObject({ synced: 200 - unmatched.length, unmatched: unmatched.length, failed: 0 });
  expect(unmatched[0]!.lastError).toMatch(/No Employee found with attendance_device_id 10/);
});

it('sends a punch whose user id is mapped to an employee by hand, even when no employee carries that id', async () => {
  harness = await startHarness({ devices: [{ simulator: { recordCount: 200 } }], erpnext: { employees: 9 } });
  harness.journal.setMapping({ userId: '10', deviceId: null, employee: 'HR-EMP-00001', employeeName: 'Employee 1' });
  const summary = await harness.engine.runOnce('manual');
  expect(summary.counts).toMatchObject({ synced: 200, unmatched: 0 });
});
