// A stored secret goes only to the address it was saved for (docs/ARCHITECTURE.md, "Faults we
// survive"): the connection tests of a form being edited must not sign in elsewhere with it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, type ErpnextSimulator } from '../../sim/erpnext';
import { startZkSimulator, type ZkSimulator } from '../../sim/zk';
import { ERPNEXT_API_SECRET, openFileSecretStore, openSettings } from '../../settings';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

let service: PunchbridgeService | undefined;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await service?.close();
  service = undefined;
  for (const close of closers.splice(0)) await close();
});

async function startService(erpnextUrl: string): Promise<PunchbridgeService> {
  const dataDir = tempFolder('stored-secrets');
  const settings = openSettings(dataDir);
  settings.setErpnext({ url: erpnextUrl, apiKey: DEFAULT_API_KEY, serverTimeZone: 'UTC' });
  settings.setPaused(true);
  openFileSecretStore(dataDir).set(ERPNEXT_API_SECRET, DEFAULT_API_SECRET);
  service = await createPunchbridgeService({ dataDir, mode: 'headless' });
  return service;
}

/** Some other web server on the LAN: it records what it was sent and answers with a page of its own. */
async function otherServer(): Promise<{ url: string; headers: IncomingHttpHeaders[] }> {
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    headers.push(request.headers);
    if (request.url?.includes('json')) {
      response.writeHead(417, { 'Content-Type': 'application/json' }).end(JSON.stringify({ exception: 'frappe.exceptions.ValidationError: payroll-2026.xlsx, router password hunter2' }));
    } else {
      response.writeHead(401, { 'Content-Type': 'text/html' }).end('<h1>Intranet</h1><p>payroll-2026.xlsx, router password hunter2</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, headers };
}

describe('stored secrets stay with their address', { timeout: 30_000 }, () => {
  it('tests ERPNext at another address only with a secret typed for it, and does not echo its answer', async () => {
    const erpnext: ErpnextSimulator = await startErpnextSimulator();
    closers.push(() => erpnext.close());
    const api = await startService(erpnext.url);
    const other = await otherServer();

    const elsewhere = await api.testErpnext({ url: other.url, apiKey: DEFAULT_API_KEY });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'erpnext-secret-missing' } });
    expect(other.headers.map((sent) => sent.authorization ?? '').join()).not.toContain(DEFAULT_API_SECRET);

    const typed = await api.testErpnext({ url: other.url, apiKey: DEFAULT_API_KEY, apiSecret: 'typed-for-this-one' });
    expect(typed.ok).toBe(false);
    expect(JSON.stringify(typed)).not.toMatch(/payroll|hunter2|Intranet/);
    const typedJson = await api.testErpnext({ url: `${other.url}/json`, apiKey: DEFAULT_API_KEY, apiSecret: 'typed-for-this-one' });
    expect(typedJson.ok).toBe(false);
    expect(JSON.stringify(typedJson)).not.toMatch(/payroll|hunter2/);

    // The saved address, with a trailing slash or not, still uses the stored secret.
    expect(await api.testErpnext({ url: `${erpnext.url}/`, apiKey: DEFAULT_API_KEY })).toMatchObject({ ok: true });
  });

  it('signs in to a device at another address without the stored comm key', async () => {
    const api = await startService('http://127.0.0.1:9');
    const saved: ZkSimulator = await startZkSimulator({ serialNumber: 'SAVED0000001', commKey: 4711 });
    const stranger: ZkSimulator = await startZkSimulator({ serialNumber: 'OTHER0000001', commKey: 1234 });
    closers.push(() => saved.close(), () => stranger.close());
    const added = await api.addDevice({ name: 'Main gate', host: saved.host, port: saved.port, commKey: '4711' });
    if (!added.ok) throw new Error(added.error.message);

    expect(await api.testDevice({ deviceId: added.value.id, host: saved.host, port: saved.port })).toMatchObject({ ok: true, value: { serialNumber: 'SAVED0000001' } });
    const elsewhere = await api.testDevice({ deviceId: added.value.id, host: stranger.host, port: stranger.port });
    expect(elsewhere.ok).toBe(false);
    expect(stranger.authAttempts).toBe(0);
  });
});
