// Demo mode: the built-in simulators with sample data, in a data folder of its own, so a newcomer
// sees the whole flow (devices, unknown user ids, punches, ERPNext) without hardware.
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, startZkSimulator, type ErpnextSimulator, type ZkSimulator } from '../../sim';
import type { Journal } from '../../journal';
import { DeviceInputSchema, localTimeZone } from '../contract';
import { deviceCommKeyName, ERPNEXT_API_SECRET, type SecretStore, type SettingsStore } from '../../settings';

const FIRST_NAMES = ['Aisha', 'Bernd', 'Chen', 'Dolores', 'Emeka', 'Fatima', 'Gustavo', 'Hana', 'Ivan', 'Jasmine', 'Kwame', 'Leila', 'Mateo', 'Noor', 'Olga', 'Priya', 'Quentin', 'Rania', 'Sven', 'Thandiwe'];
const LAST_NAMES = ['Okafor', 'Müller', 'Wang', 'García', 'Haddad', 'Nakamura', 'Petrova', 'Sharma', 'Johansson', 'Mensah'];
const DEPARTMENTS = ['Production', 'Warehouse', 'Accounts', 'Human Resources', 'Maintenance'];
const EMPLOYEES_IN_ERPNEXT = 40;

interface DemoDevice {
  name: string;
  serialNumber: string;
  users: number;
  records: number;
  commKey?: number;
  clockOffsetSeconds?: number;
}

// Main gate knows five people ERPNext does not (ids 41-45): they show up as unmatched users.
const DEMO_DEVICES: DemoDevice[] = [
  { name: 'Main gate', serialNumber: 'CKJP221260123', users: 45, records: 600 },
  { name: 'Warehouse', serialNumber: 'CKJP221260456', users: 30, records: 300, commKey: 1234 },
  { name: 'Back office', serialNumber: 'BOCK194960789', users: 20, records: 150, clockOffsetSeconds: 420 },
];

export interface Demo {
  /** Point the demo data folder at this session's simulators (their ports change every start). */
  configure(stores: { journal: Journal; settings: SettingsStore; secrets: SecretStore }): void;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const serverTimeZone = localTimeZone();
  const devices: { config: DemoDevice; simulator: ZkSimulator }[] = [];
  for (const [index, config] of DEMO_DEVICES.entries()) {
    const simulator = await startZkSimulator({
      serialNumber: config.serialNumber,
      deviceName: config.name,
      userCount: config.users,
      recordCount: config.records,
      commKey: config.commKey ?? 0,
      clockOffsetSeconds: config.clockOffsetSeconds ?? 0,
      seed: index + 1,
    });
    devices.push({ config, simulator });
  }
  const unknownOnMainGate = devices[0]!.simulator.users.filter((user) => Number(user.userId) > EMPLOYEES_IN_ERPNEXT);
  const erpnext: ErpnextSimulator = await startErpnextSimulator({ employees: [...demoEmployees(), ...employeesWithoutDeviceId(unknownOnMainGate.map((user) => user.name))], timeZone: serverTimeZone });
  return {
    configure({ journal, settings, secrets }) {
      settings.setErpnext({ url: erpnext.url, apiKey: DEFAULT_API_KEY, serverTimeZone, employeeFieldname: 'attendance_device_id', verifyTls: true });
      secrets.set(ERPNEXT_API_SECRET, DEFAULT_API_SECRET);
      const known = journal.listDevices();
      for (const { config, simulator } of devices) {
        const existing = known.find((device) => device.name === config.name);
        const stored = existing
          ? journal.updateDevice(existing.id, { host: '127.0.0.1', port: simulator.port })!
          : journal.addDevice(DeviceInputSchema.parse({ name: config.name, host: '127.0.0.1', port: simulator.port }));
        if (config.commKey) secrets.set(deviceCommKeyName(stored.id), String(config.commKey));
      }
    },
    async close() {
      await Promise.all([erpnext.close(), ...devices.map(({ simulator }) => simulator.close())]);
    },
  };
}

/**
 * New hires are often in ERPNext before anyone types their Attendance Device ID: three of the
 * unknown people on Main gate exist there without one, written as HR writes names (without the
 * device's accents), so the mapping screen has suggestions to offer.
 */
function employeesWithoutDeviceId(namesOnDevice: string[]) {
  return namesOnDevice.slice(0, 3).map((name) => ({
    employee_name: name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
    attendance_device_id: null,
    status: 'Active' as const,
    department: 'Production',
    branch: 'Plant 2',
  }));
}

function demoEmployees() {
  return Array.from({ length: EMPLOYEES_IN_ERPNEXT }, (_, index) => ({
    employee_name: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[(index * 7) % LAST_NAMES.length]}`,
    attendance_device_id: String(index + 1),
    status: index === 11 ? ('Inactive' as const) : ('Active' as const),
    department: DEPARTMENTS[index % DEPARTMENTS.length]!,
    branch: index % 3 === 0 ? 'Head office' : 'Plant 2',
  }));
}
