import type { Command } from 'commander';
import { JournalOpenError } from '../journal';
import { createPunchbridgeService } from '../api';
import { cliContext, fail, parsePort } from '../cli-support';
import { processSecretIo, readCliSecret } from '../cli-secrets';
import { isLoopbackHost } from './access';
import { DEFAULT_HOST, DEFAULT_PORT, HostStartError } from './server';
import { serve, stopOnSignals } from './serve';

interface ServeFlags {
  port: number;
  host: string;
  password?: string;
  passwordFile?: string;
  hostName?: string[];
  demo?: boolean;
  open: boolean;
  newLink?: boolean;
}

export function registerHostCommands(program: Command): void {
  program
    .command('serve')
    .description('run Punchbridge without the desktop app and use it from a browser')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on; anything but loopback needs --password', DEFAULT_HOST)
    .option('--password-file <file>', 'file holding the sign-in password for other computers (or set PUNCHBRIDGE_PASSWORD; asked for when neither is given)')
    .option('--password <password>', 'the sign-in password itself: shows in the process list, prefer --password-file')
    .option('--host-name <names...>', 'names other computers reach this one by, such as punchbridge.office.lan (or set PUNCHBRIDGE_HOST_NAMES, comma-separated)')
    .option('--demo', 'run against the built-in device and ERPNext simulators with sample data')
    .option('--no-open', 'do not open the browser')
    .option('--new-link', 'replace the sign-in link: links printed before stop working and signed-in browsers must open the new one')
    .action(async (flags: ServeFlags, command: Command) => {
      const context = cliContext(command);
      const print = (line: string) => process.stdout.write(`${line}\n`);
      const password = await readCliSecret(
        { label: 'the sign-in password for other computers', flag: { name: '--password', value: flags.password }, fileFlag: { name: '--password-file', value: flags.passwordFile }, envName: 'PUNCHBRIDGE_PASSWORD' },
        processSecretIo,
        !isLoopbackHost(flags.host),
      );
      if (!password.ok) return fail(context, password.error);
      try {
        const serving = await serve(
          {
            dataDir: context.dataDir,
            host: flags.host,
            port: flags.port,
            password: password.value,
            hostNames: flags.hostName ?? (process.env.PUNCHBRIDGE_HOST_NAMES ?? '').split(',').filter((name) => name.trim() !== ''),
            demo: Boolean(flags.demo),
            open: flags.open,
            newLink: Boolean(flags.newLink),
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
