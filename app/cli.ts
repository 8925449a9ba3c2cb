// The `punchbridge` command. Each area registers its own subcommands; this file only assembles them.
import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { registerZkCommands } from './zk/commands';
import { registerSimCommands } from './sim/commands';
import { registerErpnextCommands } from './erpnext/commands';
import { registerSyncCommands } from './sync/commands';
import { registerHostCommands } from './host/commands';
import { registerSourceCommands } from './sources/commands';
import { registerUserCommands } from './sync/device-users/commands';
import { registerDeviceFindCommand } from './sync/device-find-command';

export function buildProgram(): Command {
  const program = new Command('punchbridge')
    .description('Move attendance punches from ZKTeco devices into ERPNext / Frappe HR.')
    .version(packageJson.version, '-V, --version', 'print the version of Punchbridge')
    .option('--data-dir <dir>', 'where the journal and settings live (default: the desktop app\'s folder, or $PUNCHBRIDGE_DATA_DIR)')
    .option('--json', 'print machine-readable JSON instead of text')
    .showHelpAfterError();
  const device = program.command('device').description('add, list, change and probe attendance devices');
  registerZkCommands(program, device);
  registerSyncCommands(program, device);
  registerErpnextCommands(program);
  registerSimCommands(program);
  registerHostCommands(program);
  registerSourceCommands(program);
  registerUserCommands(program);
  registerDeviceFindCommand(device);
  return program;
}

if (process.env.VITEST === undefined) {
  await buildProgram().parseAsync(process.argv);
}
