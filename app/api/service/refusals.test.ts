import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from '../../sim';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

// The demo's ERPNext has one Inactive employee, HR-EMP-00012 (device user 12), whose punches it refuses.
describe('refused punches, grouped by what ERPNext said', () => {
  let service: PunchbridgeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  async function syncedDemo(): Promise<PunchbridgeService> {
    service = await createPunchbridgeService({ dataDir: tempFolder('refusals'), mode: 'demo' });
    await service.setPaused({ paused: true });
    const run = await service.syncNow();
    if (!run.ok) throw new Error(run.error.message);
    return service;
  }

  async function setEmployeeStatus(erpnextUrl: string, employee: string, status: string): Promise<void> {
    const response = await fetch(`${erpnextUrl}/api/resource/Employee/${employee}`, {
      method: 'PUT',
      headers: { authorization: `token ${DEFAULT_API_KEY}:${DEFAULT_API_SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    expect(response.status).toBe(200);
  }

  it('names the inactive employee, links to them in ERPNext, and says when a resend would be refused again', async () => {
    const demo = await syncedDemo();
    const rejected = (await demo.getStatus()).counts.rejected;
    expect(rejected).toBeGreaterThan(0);

    const [group] = await demo.listRefusals();
    const site = (await demo.getErpnextSettings())!.url;
    expect(group).toMatchObject({
      count: rejected,
      userIds: ['12'],
      link: { label: 'Open HR-EMP-00012 in ERPNext', url: `${site}/app/employee/HR-EMP-00012` },
      stillRefused: true,
    });
    expect(group!.reason).toContain('Inactive Employee');
    expect(group!.whatToChange).toContain('Set employee HR-EMP-00012 to Active');
    expect(group!.now).toContain('still Inactive');
  });

  it('sends a group again once the cause is gone, saying what changed, and ERPNext takes the punches', async () => {
    const demo = await syncedDemo();
    const [group] = await demo.listRefusals();
    await setEmployeeStatus((await demo.getErpnextSettings())!.url, 'HR-EMP-00012', 'Active');

    const [changed] = await demo.listRefusals();
    expect(changed).toMatchObject({ stillRefused: false });
    expect(changed!.now).toBe('HR-EMP-00012 is Active in ERPNext now, so ERPNext will take these punches.');

    expect(await demo.retryRefusals({ reason: group!.reason })).toEqual({ ok: true, value: { requeued: group!.count, stillRefused: false, now: changed!.now } });
    expect(await demo.listRefusals()).toEqual([]);
    await demo.syncNow();
    const sent = await demo.queryPunches({ search: '12', states: ['synced'], limit: 1000 });
    expect(sent.rows.filter((punch) => punch.userId === '12')).toHaveLength(group!.count);
  });

  it('says a group is gone when it was sent again meanwhile', async () => {
    const demo = await syncedDemo();
    const [group] = await demo.listRefusals();
    await demo.retryPunches({ filter: { states: ['rejected'] } });
    expect(await demo.retryRefusals({ reason: group!.reason })).toMatchObject({ ok: false, error: { code: 'refusal-gone' } });
  });
});
