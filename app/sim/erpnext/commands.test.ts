import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerErpnextSimCommand, simulatorOptions } from './commands';
import { startErpnextSimulator } from './index';
import { HRMS_PATH, postJson } from './test-support';

const flags = {
  port: 0,
  host: '127.0.0.1',
  employees: 4,
  apiKey: 'cli-key',
  apiSecret: 'cli-secret',
  version: 14 as const,
  latencyMs: 0,
  failureRate: 0,
  timeZone: 'Europe/Berlin',
};

describe('punchbridge sim erpnext', () => {
  it('turns --inactive and --employee-role-only into a site that behaves accordingly', async () => {
    const sim = await startErpnextSimulator(simulatorOptions({ ...flags, inactive: ['2', 'HR-EMP-00003'], employeeRoleOnly: true }));
    const headers = { Authorization: 'token cli-key:cli-secret', Accept: 'application/json' };
    const checkin = (value: string) => postJson(`${sim.url}${HRMS_PATH}`, { employee_field_value: value, timestamp: '2020-01-01 08:00:00' }, headers);
    expect(sim.employees.map((employee) => employee.status)).toEqual(['Active', 'Inactive', 'Inactive', 'Active']);
    expect((await checkin('2')).json.exc_type).toBe('InactiveEmployeeStatusError');
    const accepted = await checkin('4');
    expect(accepted.status).toBe(200);
    // Employee role only: the time was reset to the server's "now" (docs/frappe-hr.md §0.5).
    expect((accepted.json.message as Record<string, unknown>).time).not.toBe('2020-01-01 08:00:00');
    await sim.close();
  });

  it('refuses a version it does not simulate', async () => {
    const program = new Command().exitOverride();
    program.configureOutput({ writeErr: () => undefined });
    registerErpnextSimCommand(program);
    await expect(program.parseAsync(['erpnext', '--port', '0', '--version', '12'], { from: 'user' })).rejects.toThrow(/not a supported version/);
    await expect(program.parseAsync(['erpnext', '--port', '0', '--failure-rate', '2'], { from: 'user' })).rejects.toThrow(/share between 0 and 1/);
  });
});
