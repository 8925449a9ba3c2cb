// The fixture's refused punches grouped as the service groups them, with the advice the service
// gives for each of the fixture's three reasons.
import type { Punch, RefusalGroup } from '../../../app/api/contract';

const SITE = 'https://erp.acme.example.com';

const ADVICE: { test: RegExp; advice: Omit<RefusalGroup, 'reason' | 'count' | 'firstTime' | 'lastTime' | 'userIds'> }[] = [
  {
    test: /Inactive Employee/,
    advice: {
      whatToChange: 'Set employee HR-EMP-00006 to Active in ERPNext (Status on the Employee form), then send these punches again. If HR-EMP-00006 has left, ignore them instead.',
      link: { label: 'Open HR-EMP-00006 in ERPNext', url: `${SITE}/app/employee/HR-EMP-00006` },
      stillRefused: true,
      now: 'Nothing has changed: HR-EMP-00006 is still Inactive in ERPNext, which would refuse these punches again.',
    },
  },
  {
    test: /Log Type is required/,
    advice: {
      whatToChange:
        'Give the device an IN/OUT rule in Punchbridge (Devices, Edit, "In or out"), or in ERPNext set the shift\'s "Determine Check-in and Check-out" to "Alternating entries as IN and OUT during the same shift".',
      link: { label: 'Open shift General Shift in ERPNext', url: `${SITE}/app/shift-type/General%20Shift` },
      stillRefused: false,
      now: 'Main gate, Warehouse, Reception now sends IN or OUT with every punch.',
    },
  },
  {
    test: /Latitude and longitude/,
    advice: {
      whatToChange:
        'Enter the latitude and longitude of the place where the device hangs in Settings (ERPNext connection), or turn off "Allow Geolocation Tracking" in ERPNext\'s HR Settings.',
      link: { label: 'Open HR Settings in ERPNext', url: `${SITE}/app/hr-settings` },
      stillRefused: true,
      now: 'Nothing has changed in Punchbridge: no latitude and longitude are set. Unless geolocation tracking was turned off in ERPNext, they will be refused again.',
    },
  },
];

export function fixtureRefusalGroups(punches: Punch[]): RefusalGroup[] {
  const groups = new Map<string, Punch[]>();
  for (const punch of punches) {
    if (punch.state !== 'rejected' || !punch.lastError) continue;
    groups.set(punch.lastError, [...(groups.get(punch.lastError) ?? []), punch]);
  }
  return [...groups].map(([reason, held]) => {
    const times = held.map((punch) => punch.deviceTime).sort();
    const advice = ADVICE.find((candidate) => candidate.test.test(reason))?.advice ?? {
      whatToChange: 'Fix what ERPNext names above, in ERPNext or in Punchbridge, then send these punches again.',
      link: null,
      stillRefused: null,
      now: 'Punchbridge cannot tell from here whether this has changed in ERPNext.',
    };
    return { reason, count: held.length, firstTime: times[0]!, lastTime: times.at(-1)!, userIds: [...new Set(held.map((punch) => punch.userId))].sort().slice(0, 5), ...advice };
  }).sort((a, b) => b.count - a.count);
}
