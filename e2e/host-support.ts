// Helpers for the *.host.spec.ts specs: signing in to a running `punchbridge serve`, calling its API
// the way the browser does, and starting a host or simulators of a spec's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { accessibilityViolations } from './accessibility';

const STARTUP_TIMEOUT_MS = 60_000;

/** The demo host started by e2e/host-global-setup.ts. */
export function demoSignInUrl(): string {
  const signIn = process.env.PUNCHBRIDGE_E2E_SIGN_IN_URL;
  if (!signIn) throw new Error('PUNCHBRIDGE_E2E_SIGN_IN_URL is not set: run with PUNCHBRIDGE_E2E=host');
  return signIn;
}

/** Signs in with the link `punchbridge serve` printed, then opens a screen (hash route). */
export async function openHost(page: Page, hash = '/', signIn = demoSignInUrl()): Promise<void> {
  await page.goto(signIn);
  await page.goto(`${new URL(signIn).origin}/#${hash}`);
}

/** Calls one API method as a script would (Bearer token), and returns its result. */
export async function callApi<T>(request: APIRequestContext, method: string, input?: unknown, signIn = demoSignInUrl()): Promise<T> {
  const url = new URL(signIn);
  const response = await request.post(`${url.origin}/api/${method}`, {
    headers: { authorization: `Bearer ${url.searchParams.get('token')}` },
    data: input === undefined ? {} : { input },
  });
  expect(response.status(), `${method} answered ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: T }).result;
}

/** Waits until no sync is running (a run the host started by itself, or one a spec started). */
export async function waitForIdle(request: APIRequestContext, signIn = demoSignInUrl()): Promise<void> {
  await expect.poll(async () => (await callApi<{ running: boolean }>(request, 'getStatus', undefined, signIn)).running, { timeout: 60_000 }).toBe(false);
}

export interface Started {
  /** The line the process printed that the caller waited for. */
  line: string;
  stop: () => Promise<void>;
}

/** Runs `punchbridge <args>` until `ready` matches a printed line; stop() ends it. */
export function startPunchbridge(args: string[], ready: RegExp): Promise<Started> {
  const child = spawn(process.execPath, ['bin/punchbridge.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => stopChild(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`printed nothing matching ${ready} within ${STARTUP_TIMEOUT_MS / 1000} s`), STARTUP_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`punchbridge ${args.join(' ')} ${why}:\n${output}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ line: match[0], stop });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => fail(`exited with code ${code}`));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A headless host without demo data, as after installing: its sign-in link and a stop(). */
export async function startEmptyHost(): Promise<{ signIn: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'punchbridge-e2e-empty-'));
  const port = await freePort();
  const host = await startPunchbridge(['--data-dir', dataDir, 'serve', '--no-open', '--port', String(port)], /https?:\/\/\S+[?&]token=\S+/);
  return {
    signIn: host.line,
    stop: async () => {
      await host.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The ERPNext simulator on a free port, with the address and credentials it printed. */
export async function startErpnextSimulator(): Promise<{ url: string; apiKey: string; apiSecret: string; stop: () => Promise<void> }> {
  const sim = await startPunchbridge(['sim', 'erpnext', '--port', '0'], /listening at (http:\/\/\S+) - API key: (\S+)\s+API secret: (\S+)/);
  const [, url, apiKey, apiSecret] = /listening at (http:\/\/\S+) - API key: (\S+)\s+API secret: (\S+)/.exec(sim.line)!;
  return { url: url!, apiKey: apiKey!, apiSecret: apiSecret!, stop: sim.stop };
}

/** A simulated terminal whose users "1".."N" are the ERPNext simulator's employees. */
export async function startZkSimulator(users: number, records: number): Promise<{ port: number; serial: string; stop: () => Promise<void> }> {
  // `sim zk` takes no port 0 (it serves TCP and UDP on one port), so pick a free one first.
  const port = await freePort();
  const sim = await startPunchbridge(['sim', 'zk', '--port', String(port), '--users', String(users), '--records', String(records)], /ZK simulator listening on \S+ \(TCP\+UDP\), serial (\S+),/);
  return { port, serial: /serial (\S+),/.exec(sim.line)![1]!, stop: sim.stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A USB attlog file as terminals write it: PIN left-padded, tab-separated. */
export function attlogFile(rows: { userId: string; time: string; state?: number }[]): string {
  return rows.map((row) => `${row.userId.padStart(9, ' ')}\t${row.time}\t1\t${row.state ?? 0}\t0\t0\n`).join('');
}

/**
 * Saves the screen at both sizes the UI is made for (e2e/screenshots/<name>-1280x800.png and
 * -1024x640.png), and checks the state against WCAG 2.1 AA with axe.
 */
export async function screenshotBoth(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const [width, height] of [
    [1024, 640],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150); // the layout settles after a resize
    await focus?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/screenshots/${name}-${width}x${height}.png` });
  }
  // The fixture spec checks every screen at both sizes; here one is enough for the states stories reach.
  expect(await accessibilityViolations(page), name).toEqual([]);
}

/** A loopback port nothing listens on (it was free a moment ago): connections to it are refused. */
export function closedPort(): Promise<number> {
  return freePort();
}
