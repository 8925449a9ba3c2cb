import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { browserCommand } from './open-browser';
import { createFakeApi } from './fake-api';
import { HOST_ACCESS_FILE } from './host-token';
import { serve, type HeadlessServiceFactory, type ServeOptions } from './serve';
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

  it('prints the same link after a restart, so a browser signed in before stays signed in', async () => {
    const dataDir = tempFolder('serve');
    const options: ServeOptions = { dataDir, host: '127.0.0.1', port: 0, demo: false, open: false, staticDir: dataDir };
    const first = await serve(options, fakeFactory().factory, () => undefined);
    const signIn = await fetch(first.host.tokenUrl, { redirect: 'manual' });
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/Max-Age=\d{8}/);
    const cookie = setCookie.split(';')[0]!;
    await first.stop();

    const lines: string[] = [];
    const second = await serve(options, fakeFactory().factory, (line) => lines.push(line));
    expect(second.host.token).toBe(first.host.token);
    expect(lines.join('\n')).toContain('The link stays the same when Punchbridge restarts');
    const status = await fetch(`${second.host.url}api/getStatus`, { method: 'POST', headers: { cookie } });
    expect(status.status).toBe(200);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, HOST_ACCESS_FILE)).mode & 0o077).toBe(0);
    await second.stop();
  });

  it('gives a new link with --new-link, and the old one no longer signs in', async () => {
    const dataDir = tempFolder('serve');
    const options: ServeOptions = { dataDir, host: '127.0.0.1', port: 0, demo: false, open: false, staticDir: dataDir };
    const first = await serve(options, fakeFactory().factory, () => undefined);
    await first.stop();

    const lines: string[] = [];
    const renewed = await serve({ ...options, newLink: true }, fakeFactory().factory, (line) => lines.push(line));
    expect(renewed.host.token).not.toBe(first.host.token);
    expect(lines.join('\n')).toContain('links printed before no longer work');
    const withOldToken = await fetch(`${renewed.host.url}api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${first.host.token}` } });
    expect(withOldToken.status).toBe(401);
    await renewed.stop();
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
