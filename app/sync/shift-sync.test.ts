// Shift Types that really move (docs/frappe-hr.md §1.8). HRMS marks attendance for shifts that
// ended before `last_sync_of_checkin` and skips logs that come later (hrms shift_type.py), so the
// value must cover every device feeding the shift, never pass a punch still on its way, and be read
// off the devices' clocks, which are what the punches carry.
import { afterEach, expect, it } from 'vitest';
import type { Punch } from '../vocabulary';
import { startHarness, type Harness } from './test-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

function lastSyncOf(name: string): string | null {
  const shift = harness!.erpnext.shiftTypes.find((candidate) => candidate.name === name)!;
  return (shift.last_sync_of_checkin as string | null) ?? null;
}

/** A UTC wall-clock time as epoch ms. */
function utcMs(wallClock: string): number {
  return Date.parse(`${wallClock.replace(' ', 'T')}Z`);
}

it('moves a shift fed by every device (no device chosen)', async () => {
  harness = await startHarness({ devices: [{}, { simulator: { seed: 2 } }], erpnext: { shiftTypes: [{ name: 'Day Shift' }] } });
  harness.settings.sync = { ...harness.settings.sync, shiftTypes: [{ name: 'Day Shift', deviceIds: [] }] };
  const started = Date.now();
  const summary = await harness.engine.runOnce('manual');
  expect(summary.warnings).toEqual([]);
  const lastSync = lastSyncOf('Day Shift');
  expect(lastSync).not.toBeNull();
  expect(utcMs(lastSync!)).toBeGreaterThanOrEqual(started - 5000);
});

it('moves a shift fed by a disabled device and an ADMS device, up to the ADMS device\'s last contact', async () => {
  harness = await startHarness({ devices: [{}, { config: { enabled: false } }], erpnext: { shiftTypes: [{ name: 'Day Shift' }] } });
  const { journal } = harness;
  const adms = journal.addDevice({ ...harness.devices[0]!.stored, name: 'Gate (ADMS)', host: '192.0.2.10' });
  journal.noteAdmsRequest('ADMS0001', '192.0.2.10');
  journal.linkAdmsDevice('ADMS0001', adms.id, '192.0.2.10');
  const admsSeenAt = Date.parse(journal.getAdmsDevice('ADMS0001')!.lastSeenAt);
  harness.settings.sync = { ...harness.settings.sync, shiftTypes: [{ name: 'Day Shift', deviceIds: harness.devices.map((device) => device.stored.id).concat(adms.id) }] };
  const summary = await harness.engine.runOnce('manual');
  expect(summary.warnings).toEqual([]);
  const lastSync = lastSyncOf('Day Shift');
  expect(lastSync).not.toBeNull();
  // Not past the ADMS contact; the polled device's clock, read to the second, may come a little earlier.
  expect(utcMs(lastSync!)).toBeLessThanOrEqual(admsSeenAt);
  expect(utcMs(lastSync!)).toBeGreaterThanOrEqual(admsSeenAt - 5000);
});

it('stops short of the earliest punch of its devices still on its way, and says which one holds it', async () => {
  // Ten users on the device, nine employees: user 10's punches cannot be matched.
  harness = await startHarness({ erpnext: { employees: 9, shiftTypes: [{ name: 'Day Shift' }] } });
  harness.settings.sync = { ...harness.settings.sync, shiftTypes: [{ name: 'Day Shift', deviceIds: [harness.devices[0]!.stored.id] }] };
  const summary = await harness.engine.runOnce('manual');
  const unmatched: Punch[] = harness.journal.queryPunches({ states: ['unmatched'], limit: 1000 }).rows;
  expect(unmatched.length).toBeGreaterThan(0);
  const earliest = unmatched.map((punch) => punch.deviceTime).sort()[0]!;
  expect(lastSyncOf('Day Shift')).toBe(earliest);
  expect(summary.warnings.join(' ')).toContain(`Shift Type "Day Shift": last sync held at ${earliest}`);
  expect(summary.warnings.join(' ')).toMatch(/user 10/);
});

it('reads the window off the device clock, which the punches carry, not this computer\'s', async () => {
  // The device runs ten minutes slow: a punch made just after the read carries a time ten minutes
  // before the read on this computer's clock.
  harness = await startHarness({ devices: [{ simulator: { clockOffsetSeconds: -600 } }], erpnext: { shiftTypes: [{ name: 'Day Shift' }] } });
  harness.settings.sync = { ...harness.settings.sync, shiftTypes: [{ name: 'Day Shift', deviceIds: [harness.devices[0]!.stored.id] }] };
  const started = Date.now();
  await harness.engine.runOnce('manual');
  const lastSync = utcMs(lastSyncOf('Day Shift')!);
  expect(lastSync).toBeLessThanOrEqual(Date.now() - 590_000);
  expect(lastSync).toBeGreaterThanOrEqual(started - 605_000);
});
