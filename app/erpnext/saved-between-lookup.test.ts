// The lookup of time-trapped saves against the ERPNext simulator: an Employee-only user's pushes
// saved at the server's clock, then found by an HR user in a window of server times.
import { afterEach, describe, expect, it } from 'vitest';
import { startErpnextSimulator, type ApiUser, type ErpnextSimulator } from '../sim/erpnext';
import { createErpnextClient, type CheckinPunch, type ErpnextClient } from './index';

const HR: ApiUser = { apiKey: 'hr-key', apiSecret: 'hr-secret', user: 'hr@example.com', roles: ['HR User'] };
const KIOSK: ApiUser = { apiKey: 'kiosk-key', apiSecret: 'kiosk-secret', user: 'kiosk@example.com', roles: ['Employee'] };
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

function clientAs(simulator: ErpnextSimulator, user: ApiUser): ErpnextClient {
  const created = createErpnextClient({ url: simulator.url, apiKey: user.apiKey, apiSecret: user.apiSecret, timeoutMs: 2000 });
  if (!created.ok) throw new Error(created.error.message);
  open.push(created.value);
  return created.value;
}

const punch = (overrides: Partial<CheckinPunch> = {}): CheckinPunch => ({ employeeFieldValue: '1', timestamp: '2026-11-30 08:00:00', deviceId: 'Gate', logType: 'IN', ...overrides });

describe('checkins saved between two server times', () => {
  it('are those of the punch\'s employee, device and log type inside the window, earliest first, at their saved time', async () => {
    // The server's clock moves a minute per look, from 10:00 UTC (15:30 in Kolkata).
    let now = Date.parse('2026-12-01T10:00:00Z');
    const simulator = await startErpnextSimulator({ employees: 2, timeZone: 'Asia/Kolkata', users: [HR, KIOSK], clock: () => new Date((now += 60_000)) });
    open.push(simulator);
    const kiosk = clientAs(simulator, KIOSK);
    for (const sent of [punch(), punch({ deviceId: 'Side' }), punch({ logType: 'OUT' }), punch({ employeeFieldValue: '2' }), punch({ timestamp: '2026-11-30 08:30:00' })]) {
      expect((await kiosk.pushCheckin(sent)).kind).toBe('time-trap');
    }
    const times = simulator.checkins.map((checkin) => String(checkin.time).slice(0, 19));
    const names = simulator.checkins.map((checkin) => String(checkin.name));

    const found = await clientAs(simulator, HR).findCheckinsSavedBetween(punch(), times[0]!, times[4]!);
    expect(found).toEqual({
      ok: true,
      value: [
        { checkinName: names[0], employee: 'HR-EMP-00001', savedTime: times[0] },
        { checkinName: names[4], employee: 'HR-EMP-00001', savedTime: times[4] },
      ],
    });
    const narrower = await clientAs(simulator, HR).findCheckinsSavedBetween(punch(), times[1]!, times[3]!);
    expect(narrower).toEqual({ ok: true, value: [] });
  });
});
