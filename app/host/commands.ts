import type { Command } from 'commander';
import { JournalOpenError } from '../journal';
import { createPunchbridgeService } from '../api';
import { cliContext, fail, parsePort } from '../cli-support';
import { DEFAULT_HOST, DEFAULT_PORT, HostStartError } from './server';
import { serve, stopOnSignals } from './serve';

interface ServeFlags {
  port: number;
  host: string;
  password?: string;
  demo?: boolean;
  open: boolean;
}

export function registerHostCommands(program: Command): void {
  program
    .command('serve')
    .description('run Punchbridge without the desktop app and use it from a browser')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on; anything but loopback needs --password', DEFAULT_HOST)
    .option('--password <password>', 'sign-in password for other computers (or set PUNCHBRIDGE_PASSWORD)')
    .option('--demo', 'run against the built-in device and ERPNext simulators with sample data')
    .option('--no-open', 'do not open the browser')
    .action(async (flags: ServeFlags, command: Command) => {
      const context = cliContext(command);
      const print = (line: string) => process.stdout.write(`${line}\n`);
      try {
        const serving = await serve(
          {
            dataDir: context.dataDir,
            host: flags.host,
            port: flags.port,
            password: flags.password ?? (process.env.PUNCHBRIDGE_PASSWORD || undefined),
            demo: Boolean(flags.demo),
            open: flags.open,
          },
          createPunchbridgeService,
          print,
        );
        stopOnSignals(serving, print);
      } catch (error) {
        if (error instanceof HostStartError) fail(context, error.apiError);
        else if (error instanceof JournalOpenError) fail(context, error.error);
        else throw error;
      }
    });
}
