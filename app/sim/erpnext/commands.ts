// `punchbridge sim erpnext`: run a simulated ERPNext / Frappe HR site until SIGINT or SIGTERM.
import type { Command } from 'commander';
import { parseCount, parseListenPort } from '../../cli-support';
import { startErpnextSimulator, DEFAULT_API_KEY, DEFAULT_API_SECRET, seedEmployees, type EmployeeSeed, type ErpnextSimulatorOptions, type FrappeVersion } from './index';

interface SimErpnextFlags {
  port: number;
  host: string;
  employees: number;
  apiKey: string;
  apiSecret: string;
  version: FrappeVersion;
  latencyMs: number;
  failureRate: number;
  timeZone: string;
  inactive?: string[];
  employeeRoleOnly?: boolean;
}

export function registerErpnextSimCommand(sim: Command): void {
  sim
    .command('erpnext')
    .description('run a simulated ERPNext / Frappe HR server that answers as Frappe HR does')
    .requiredOption('--port <port>', 'TCP port to listen on (0 picks a free one)', parseListenPort)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--employees <count>', 'seed employees HR-EMP-00001.. with attendance device ids "1".."N"', parseCount, 10)
    .option('--api-key <key>', 'API key the server accepts', DEFAULT_API_KEY)
    .option('--api-secret <secret>', 'API secret the server accepts', DEFAULT_API_SECRET)
    .option('--version <version>', 'Frappe HR version to behave as: 13, 14 or 15', parseVersion, 15)
    .option('--latency-ms <ms>', 'delay every answer by this many milliseconds', parseCount, 0)
    .option('--failure-rate <share>', 'answer this share of requests (0..1) with a 500', parseShare, 0)
    .option('--time-zone <zone>', 'System Settings time zone, e.g. Asia/Kolkata', 'UTC')
    .option('--inactive <ids>', 'employees to mark Inactive, by name or attendance device id (comma-separated)', parseList)
    .option('--employee-role-only', 'give the API user only the Employee role (checkin times get reset to "now")')
    .action(async (flags: SimErpnextFlags) => {
      const simulator = await startErpnextSimulator(simulatorOptions(flags));
      process.stdout.write(
        `ERPNext simulator (Frappe HR v${flags.version}, ${flags.employees} employees, time zone ${flags.timeZone}) listening at ${simulator.url}` +
          ` - API key: ${flags.apiKey}  API secret: ${flags.apiSecret}\n`,
      );
      await untilStopped();
      await simulator.close();
    });
}

export function simulatorOptions(flags: SimErpnextFlags): ErpnextSimulatorOptions {
  const inactive = new Set(flags.inactive ?? []);
  const employees: EmployeeSeed[] = seedEmployees(flags.employees).map((seed) =>
    inactive.has(seed.name ?? '') || inactive.has(seed.attendance_device_id ?? '') ? { ...seed, status: 'Inactive' } : seed,
  );
  return {
    host: flags.host,
    port: flags.port,
    version: flags.version,
    employees,
    users: [
      {
        apiKey: flags.apiKey,
        apiSecret: flags.apiSecret,
        user: 'sync@example.com',
        roles: flags.employeeRoleOnly ? ['Employee'] : ['HR Manager', 'System Manager'],
      },
    ],
    timeZone: flags.timeZone,
    faults: { latencyMs: flags.latencyMs, failureRate: flags.failureRate },
  };
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function parseVersion(value: string): FrappeVersion {
  if (value === '13' || value === '14' || value === '15') return Number(value) as FrappeVersion;
  throw new Error(`"${value}" is not a supported version (13, 14 or 15)`);
}

function parseShare(value: string): number {
  const share = Number(value);
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new Error(`"${value}" is not a share between 0 and 1`);
  return share;
}

function parseList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}
