import type { Command } from 'commander';
import { registerZkSimCommand } from './zk/commands';
import { registerErpnextSimCommand } from './erpnext/commands';

export function registerSimCommands(program: Command): void {
  const sim = program.command('sim').description('run a simulated ZK device or ERPNext server (demo mode, device trials, tests)');
  registerZkSimCommand(sim);
  registerErpnextSimCommand(sim);
}
