// For tests through the real doors: the headless host as `punchbridge serve` runs it (HTTP API
// with its token), the ADMS receiver on a port of its own, and an approved ADMS terminal.
import { createServer } from 'node:net';
import { AdmsDeviceSimulator } from '../../sim/adms';
import { serve, type Serving } from '../../host/serve';
import { openSettings } from '../../settings';
import { tempFolder } from '../../testing/temp-folders';
import type { Result } from '../contract';
import { createPunchbridgeService, type PunchbridgeService } from '.';

let serving: Serving | undefined;
let service: PunchbridgeService | undefined;

/** Stops the host started last; call from afterEach. */
export async function stopHost(): Promise<void> {
  await serving?.stop();
  serving = undefined;
  service = undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The headless host as `punchbridge serve` runs it, with the ADMS receiver on `admsPort`. */
export async function startHost(admsPort: number | null = null) {
  const dataDir = tempFolder('hostile-input');
  const settings = openSettings(dataDir);
  settings.setPaused(true);
  settings.setSyncSettings({ admsPort });
  serving = await serve(
    { dataDir, host: '127.0.0.1', port: 0, demo: false, open: false, staticDir: dataDir },
    async (options) => (service = await createPunchbridgeService({ ...options, admsHost: '127.0.0.1' })),
    () => undefined,
  );
  const host = serving.host;
  const call = async <T>(method: string, input?: unknown): Promise<{ status: number; result: Result<T> }> => {
    const response = await fetch(`${host.url}api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    const answer = (await response.json()) as { result: Result<T> };
    return { status: response.status, result: answer.result };
  };
  return { call, api: service!, dataDir };
}

export async function approvedTerminal(api: PunchbridgeService, admsPort: number, serialNumber: string): Promise<AdmsDeviceSimulator> {
  const terminal = new AdmsDeviceSimulator({ serverUrl: `http://127.0.0.1:${admsPort}`, serialNumber });
  await terminal.handshake();
  const approved = await api.approveAdmsDevice({ serialNumber, name: 'Front door', timeZone: 'UTC' });
  if (!approved.ok) throw new Error(approved.error.message);
  return terminal;
}

