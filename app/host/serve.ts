// `punchbridge serve`: the service plus the host, until Ctrl+C or a stop signal.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PunchbridgeApi, PunchbridgeEvents } from '../api/contract';
import { closeLogging, configureLogging, createLogger, registerSecret } from '../log';
import { checkBinding } from './access';
import { openInBrowser } from './open-browser';
import { storedHostToken } from './host-token';
import { HostStartError, startHost, type RunningHost } from './server';

export type HeadlessService = PunchbridgeApi & PunchbridgeEvents & { close(): Promise<void> };
export type HeadlessServiceFactory = (options: { dataDir: string; mode: 'headless' | 'demo' }) => Promise<HeadlessService>;

export interface ServeOptions {
  dataDir: string;
  host: string;
  port: number;
  password?: string;
  /** Names other computers reach this one by, for the Host check beyond loopback. */
  hostNames?: readonly string[];
  demo: boolean;
  open: boolean;
  /** Replace the stored access token: links printed before stop working and every browser must sign in again. */
  newLink?: boolean;
  staticDir?: string;
}

export interface Serving {
  host: RunningHost;
  stop(): Promise<void>;
}

const log = createLogger('serve');

/** The built renderer: beside the CLI bundle (out/cli -> out/renderer), or under out/ when run from source. */
export function builtRendererDir(): string {
  const candidates = ['../renderer', '../../out/renderer'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((folder) => existsSync(`${folder}/index.html`)) ?? candidates[0]!;
}

export async function serve(options: ServeOptions, createService: HeadlessServiceFactory, print: (line: string) => void): Promise<Serving> {
  // Refuse a bad address before the service starts reading devices.
  const refusal = checkBinding(options.host, options.password);
  if (refusal) throw new HostStartError(refusal);
  configureLogging({ dataDir: options.dataDir, echo: true });
  registerSecret(options.password);
  const service = await createService({ dataDir: options.dataDir, mode: options.demo ? 'demo' : 'headless' });
  let host: RunningHost;
  try {
    host = await startHost({
      api: service,
      events: service,
      host: options.host,
      port: options.port,
      password: options.password,
      hostNames: options.hostNames,
      token: storedHostToken(options.dataDir, { renew: Boolean(options.newLink) }),
      staticDir: options.staticDir ?? builtRendererDir(),
    });
  } catch (error) {
    await service.close();
    throw error;
  }
  registerSecret(host.token);
  print(`Punchbridge is running${options.demo ? ' in demo mode' : ''}. Open this link to use it (it signs you in):`);
  print(`  ${host.tokenUrl}`);
  print(
    options.newLink
      ? 'This is a new link: links printed before no longer work, and browsers signed in with them must open this one.'
      : 'The link stays the same when Punchbridge restarts; `punchbridge serve --new-link` replaces it if it got into the wrong hands.',
  );
  if (options.password) print(`Other computers can sign in with the password at http://<this computer's address>:${new URL(host.url).port}/login`);
  print('Press Ctrl+C to stop.');
  if (options.open && !(await openInBrowser(host.tokenUrl))) print('No browser could be opened here: copy the link above into one.');
  log.info(`Serving ${host.url} (${options.demo ? 'demo' : 'headless'})`);
  return {
    host,
    async stop() {
      await host.close();
      await service.close();
      log.info('Stopped');
      closeLogging();
    },
  };
}

/** Stop cleanly on Ctrl+C or a service manager's SIGTERM; a second signal does not wait. */
export function stopOnSignals(serving: Serving, print: (line: string) => void): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    print('Stopping Punchbridge…');
    serving.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('Stopping failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

export { HostStartError };
