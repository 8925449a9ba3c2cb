import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { browserCommand } from './open-browser';
import { createFakeApi } from './fake-api';
import { serve, type HeadlessServiceFactory } from './serve';
import { HostStartError } from './server';


function fakeFactory() {
  const created: { mode: string; closed: boolean }[] = [];
  const factory: HeadlessServiceFactory = async ({ mode }) => {
    const record = { mode, closed: false };
    created.push(record);
    return Object.assign(createFakeApi(), { close: async () => void (record.closed = true) });
  };
  return { created, factory };
}

describe('serve', () => {
  it('starts the service in the chosen mode, prints the signed link, and stops both', async () => {
    const dataDir = tempFolder('serve');
    const { created, factory } = fakeFactory();
    const lines: string[] = [];
    const serving = await serve({ dataDir, host: '127.0.0.1', port: 0, demo: true, open: false, staticDir: dataDir }, factory, (line) => lines.push(line));

    expect(created).toEqual([{ mode: 'demo', closed: false }]);
    expect(lines.join('\n')).toContain(serving.host.tokenUrl);
    const response = await fetch(`${serving.host.url}api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${serving.host.token}` } });
    expect(response.status).toBe(200);

    await serving.stop();
    expect(created[0]!.closed).toBe(true);
    expect(existsSync(join(dataDir, 'punchbridge.log'))).toBe(true);
    await expect(fetch(serving.host.url)).rejects.toThrow();
  });

  it('refuses a bad address before starting the service', async () => {
    const { created, factory } = fakeFactory();
    const attempt = serve({ dataDir: tmpdir(), host: '0.0.0.0', port: 0, demo: false, open: false }, factory, () => undefined);
    await expect(attempt).rejects.toBeInstanceOf(HostStartError);
    expect(created).toEqual([]);
  });

  it('closes the service again when the host cannot start', async () => {
    const dataDir = tempFolder('serve');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const { created, factory } = fakeFactory();
    const attempt = serve({ dataDir, host: '127.0.0.1', port, demo: false, open: false, staticDir: dataDir }, factory, () => undefined);
    await expect(attempt).rejects.toThrow(/already in use/);
    expect(created).toEqual([{ mode: 'headless', closed: true }]);
    await new Promise((resolve) => taken.close(resolve));
  });
});

describe('browserCommand', () => {
  it('uses each platform\'s own opener', () => {
    expect(browserCommand('http://x/', 'linux')).toEqual({ command: 'xdg-open', args: ['http://x/'] });
    expect(browserCommand('http://x/', 'darwin')).toEqual({ command: 'open', args: ['http://x/'] });
    expect(browserCommand('http://x/', 'win32')).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler', 'http://x/'] });
  });
});
