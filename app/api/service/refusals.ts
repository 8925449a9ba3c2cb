// Refused punches by reason: what to change (with a link to that ERPNext document), and, asked
// again each time, whether the cause still holds, so that "Send again" says what is different now.
// Frappe stores no reason code on a punch, so the kind is read from ERPNext's words
// (docs/frappe-hr.md §2.1); a reason that is not recognised still gets a group, with ERPNext's
// words as the guide.
import type { PunchbridgeApi, RefusalGroup } from '../contract';
import type { ServiceContext } from './context';

type RefusalMethods = Pick<PunchbridgeApi, 'listRefusals' | 'retryRefusals'>;

type Recheck = Pick<RefusalGroup, 'stillRefused' | 'now'>;
type Advice = Pick<RefusalGroup, 'whatToChange' | 'link'> & { recheck: () => Promise<Recheck> };

export function refusalMethods(context: ServiceContext): RefusalMethods {
  const { journal } = context;
  return {
    async listRefusals() {
      const groups = journal.listRefusalGroups();
      return Promise.all(
        groups.map(async ({ deviceIds, ...group }) => {
          const { recheck, ...advice } = adviceFor(context, group.reason, deviceIds);
          return { ...group, ...advice, ...(await recheck()) };
        }),
      );
    },
    async retryRefusals({ reason }) {
      const group = journal.listRefusalGroups().find((candidate) => candidate.reason === reason);
      if (!group) {
        return {
          ok: false,
          error: { code: 'refusal-gone', message: 'No refused punch is held for this reason any more.', action: 'Reload the list: they were sent again or ignored meanwhile.' },
        };
      }
      const recheck = await adviceFor(context, reason, group.deviceIds).recheck();
      const requeued = journal.requeueRefused(reason);
      context.log.info(`${requeued} refused punches back in the queue (${recheck.stillRefused === true ? 'cause unchanged' : recheck.stillRefused === false ? 'cause changed' : 'change unknown'})`);
      context.announceStatus();
      return { ok: true, value: { requeued, ...recheck } };
    },
  };
}

const INACTIVE = /Inactive Employee\s+(?:<a[^>]*>)?([^<\s]+?)(?:<\/a>)?\.?$/;
const LOG_TYPE_REQUIRED = /Log Type is required for check-ins falling in the shift:?\s*(.*?)\.?$/;
const NO_COORDINATES = 'Latitude and longitude values are required';
const OUTSIDE_RADIUS = 'meters of your shift location';
const TIME_TRAP = /saved checkin (\S+) at its own current time/;

function adviceFor(context: ServiceContext, reason: string, deviceIds: string[]): Advice {
  const site = context.settings.getErpnext()?.url ?? null;
  const page = (label: string, path: string) => (site ? { label, url: `${site}/app/${path}` } : null);
  const text = reason.replace(/<[^>]+>/g, '').trim();

  const inactive = INACTIVE.exec(reason);
  if (inactive) {
    const employee = inactive[1]!;
    return {
      whatToChange: `Set employee ${employee} to Active in ERPNext (Status on the Employee form), then send these punches again. If ${employee} has left, ignore them instead.`,
      link: page(`Open ${employee} in ERPNext`, `employee/${encodeURIComponent(employee)}`),
      recheck: () => employeeStatusNow(context, employee),
    };
  }
  const logType = LOG_TYPE_REQUIRED.exec(text);
  if (logType) {
    const shift = logType[1] || null;
    return {
      whatToChange:
        'Give the device an IN/OUT rule in Punchbridge (Devices, Edit, "In or out"), or in ERPNext set the shift\'s "Determine Check-in and Check-out" to "Alternating entries as IN and OUT during the same shift".',
      link: shift ? page(`Open shift ${shift} in ERPNext`, `shift-type/${encodeURIComponent(shift)}`) : null,
      recheck: async () => deviceRulesNow(context, deviceIds),
    };
  }
  if (text.includes(NO_COORDINATES)) {
    return {
      whatToChange:
        'Enter the latitude and longitude of the place where the device hangs in Settings (ERPNext connection), or turn off "Allow Geolocation Tracking" in ERPNext\'s HR Settings.',
      link: page('Open HR Settings in ERPNext', 'hr-settings'),
      recheck: async () => coordinatesNow(context),
    };
  }
  if (text.includes(OUTSIDE_RADIUS)) {
    return {
      whatToChange: 'Check that the latitude and longitude in Settings are those of the shift location in ERPNext, or widen that location\'s radius.',
      link: page('Open Shift Locations in ERPNext', 'shift-location'),
      recheck: async () => unknownChange,
    };
  }
  const trapped = TIME_TRAP.exec(text);
  if (trapped) {
    return {
      whatToChange: `Give the API user the HR User or HR Manager role in ERPNext and delete checkin ${trapped[1]}, which has the wrong time; then send again.`,
      link: page(`Open ${trapped[1]} in ERPNext`, `employee-checkin/${encodeURIComponent(trapped[1]!)}`),
      recheck: async () => unknownChange,
    };
  }
  return { whatToChange: 'Fix what ERPNext names above, in ERPNext or in Punchbridge, then send these punches again.', link: null, recheck: async () => unknownChange };
}

const unknownChange: Recheck = { stillRefused: null, now: 'Punchbridge cannot tell from here whether this has changed in ERPNext.' };

async function employeeStatusNow(context: ServiceContext, employee: string): Promise<Recheck> {
  const client = context.erpnext();
  if (!client.ok) return { stillRefused: null, now: `Punchbridge could not ask ERPNext about ${employee}: ${client.error.message}` };
  const found = await client.value.searchEmployees(employee, 5);
  if (!found.ok) return { stillRefused: null, now: `Punchbridge could not ask ERPNext about ${employee}: ${found.error.message}` };
  const status = found.value.find((candidate) => candidate.name === employee)?.status;
  if (status === undefined) return { stillRefused: null, now: `ERPNext has no employee ${employee} any more.` };
  // Frappe refuses only "Inactive"; Left and Suspended
  // employees are accepted (docs/frappe-hr.md §2.1).
  if (status === 'Inactive') return { stillRefused: true, now: `Nothing has changed: ${employee} is still Inactive in ERPNext, which would refuse these punches again.` };
  return { stillRefused: false, now: `${employee} is ${status} in ERPNext now, so ERPNext will take these punches.` };
}

function deviceRulesNow(context: ServiceContext, deviceIds: string[]): Recheck {
  const devices = context.journal.listDevices().filter((device) => deviceIds.includes(device.id));
  const withoutRule = devices.filter((device) => device.logTypeRule === 'none');
  if (withoutRule.length > 0) {
    const names = withoutRule.map((device) => device.name).join(', ');
    return { stillRefused: true, now: `Nothing has changed in Punchbridge: ${names} still sends no IN or OUT. Unless the shift was changed in ERPNext, they will be refused again.` };
  }
  if (devices.length === 0) return unknownChange;
  return { stillRefused: false, now: `${devices.map((device) => device.name).join(', ')} now sends IN or OUT with every punch.` };
}

function coordinatesNow(context: ServiceContext): Recheck {
  const connection = context.settings.getErpnext();
  if (connection?.latitude != null && connection.longitude != null && (connection.latitude !== 0 || connection.longitude !== 0)) {
    return { stillRefused: false, now: `Punches now carry the latitude and longitude ${connection.latitude}, ${connection.longitude}.` };
  }
  return {
    stillRefused: true,
    now: 'Nothing has changed in Punchbridge: no latitude and longitude are set. Unless geolocation tracking was turned off in ERPNext, they will be refused again.',
  };
}

