// The main-process smoke test: the BUILT out/main/index.js runs in Node 24 with a stand-in for the
// `electron` module (packaging/stand-in-electron), against the ZK and ERPNext simulators. It proves
// the wiring of main/ (start, IPC, tray, close to tray, sync, wake, quit), not Electron: no Chromium
// runs, and the stand-in plays Electron only where main/ depends on it. Needs `npm run build`.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, startZkSimulator } from '../app/sim';
import { tempFolder } from '../app/testing/temp-folders';

const projectRoot = join(import.meta.dirname, '..');
const builtMain = join(projectRoot, 'out', 'main', 'index.js');
const register = join(import.meta.dirname, 'stand-in-electron', 'register.js');

interface StandInState {
  notifications: { title: string; body: string }[];
  dialogs: { title: string; content: string }[];
  trays: { image: string; imageExists: boolean; tooltip: string; menu: string[]; destroyed: boolean }[];
  windows: { visible: boolean; minimised: boolean; url: string; preload: string }[];
}

interface Exit {
  code: number | null;
  dialogs: StandInState['dialogs'];
}

class RunningApp {
  private nextId = 1;
  private readonly replies = new Map<number, (value: unknown) => void>();
  readonly exited: Promise<Exit>;
  stderr = '';

  constructor(readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.stdout?.resume();
    let dialogs: StandInState['dialogs'] = [];
    child.on('message', (message: { type: string; id?: number; value?: unknown; dialogs?: StandInState['dialogs'] }) => {
      if (message.type === 'reply') this.replies.get(message.id!)?.(message.value);
      if (message.type === 'exiting') dialogs = message.dialogs ?? [];
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, dialogs })));
  }

  /** Rejects, rather than waiting forever, when the app exits (or crashed) before answering. */
  request<T>(message: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<T>((resolve) => {
      this.replies.set(id, (value) => resolve(value as T));
      this.child.send({ ...message, id }, (error) => error && this.replies.delete(id));
    });
    const gone = this.exited.then((exit): T => {
      throw new Error(`Punchbridge exited (code ${exit.code}) before answering ${String(message.type)}: ${this.stderr.slice(-2000)}`);
    });
    return Promise.race([answer, gone]);
  }

  state = () => this.request<StandInState>({ type: 'state' });
  invoke = <T = unknown>(method: string, input?: unknown) => this.request<{ ok: boolean; result?: T; error?: unknown }>({ type: 'invoke', method, input });

  /** Polls the stand-in until the condition holds (conditions, not sleeps: the machine may be slow). */
  async waitFor(condition: (state: StandInState) => boolean, what: string): Promise<StandInState> {
    for (let attempt = 0; attempt < 400; attempt++) {
      const state = await this.state();
      if (condition(state)) return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting until ${what}`);
  }
}

const running: RunningApp[] = [];
afterEach(() => {
  for (const app of running.splice(0)) if (app.child.exitCode === null) app.child.kill();
});

function launch(env: Record<string, string>): RunningApp {
  const child = fork(builtMain, [], {
    cwd: projectRoot,
    execArgv: ['--import', register],
    env: { ...process.env, XDG_CURRENT_DESKTOP: 'XFCE', ELECTRON_RENDERER_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const app = new RunningApp(child);
  running.push(app);
  return app;
}

const logLines = (dataDir: string) => readFileSync(join(dataDir, 'punchbridge.log'), 'utf8').trim().split('\n');

describe.skipIf(!existsSync(builtMain))('main process smoke test (stand-in Electron; build first)', () => {
  it('starts, syncs a device into ERPNext, closes to the tray, and quits cleanly', async () => {
    const device = await startZkSimulator({ userCount: 3, recordCount: 6 });
    const erpnext = await startErpnextSimulator({ employees: 3 });
    const dataDir = tempFolder('main-smoke');
    try {
      const app = launch({ PUNCHBRIDGE_DATA_DIR: dataDir, XDG_CONFIG_HOME: join(dataDir, 'xdg'), STAND_IN_KEYRING: 'none' });
      const started = await app.waitFor((state) => state.windows[0]?.url.endsWith('/out/renderer/index.html') === true, 'the window shows the built page');
      expect(existsSync(started.windows[0]!.preload)).toBe(true);
      expect(started.trays[0]).toMatchObject({ imageExists: true, menu: expect.arrayContaining(['Sync now', 'Quit Punchbridge']) });
      expect(started.notifications.map((notice) => notice.title)).toContain('Punchbridge: no keyring');

      // No keyring: the secret is still saved (to the owner-only file).
      const saved = await app.invoke('saveErpnextSettings', { url: erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, serverTimeZone: 'UTC' });
      expect(saved).toMatchObject({ ok: true, result: { ok: true, value: { hasApiSecret: true } } });
      const added = await app.invoke('addDevice', { name: 'Main gate', host: '127.0.0.1', port: device.port, timeZone: 'UTC' });
      expect(added).toMatchObject({ ok: true, result: { ok: true } });

      const synced = await app.invoke('syncNow');
      expect(synced).toMatchObject({ ok: true, result: { ok: true, value: { outcome: 'ok' } } });
      expect(erpnext.checkins).toHaveLength(6);
      await app.waitFor((state) => state.trays[0]!.tooltip.includes('all sent'), 'the tray reports the sync');

      // Closing the window keeps the app in the tray, with the notice the system showed.
      await app.request({ type: 'window', event: 'close' });
      const hidden = await app.state();
      expect(hidden.windows[0]!.visible).toBe(false);
      expect(hidden.notifications.map((notice) => notice.title)).toContain('Punchbridge is still running');

      // A wake right after a run: nothing is due, so no run starts.
      await app.request({ type: 'power', event: 'resume' });
      await app.request({ type: 'power', event: 'unlock-screen' });
      expect(await app.invoke('getStatus')).toMatchObject({ ok: true, result: { running: false } });
      expect(await app.invoke<unknown[]>('listRuns', {})).toMatchObject({ ok: true, result: [expect.objectContaining({ trigger: 'manual' })] });

      await app.request({ type: 'tray-menu', label: 'Quit Punchbridge' });
      const exit = await app.exited;
      expect(exit).toEqual({ code: 0, dialogs: [] });
      const log = logLines(dataDir);
      expect(log.filter((line) => / ERROR /.test(line))).toEqual([]);
      expect(log.at(-1)).toMatch(/Punchbridge service stopped/);
    } finally {
      await device.close();
      await erpnext.close();
    }
  });

  it('starts with a relative PUNCHBRIDGE_DATA_DIR, which Electron refuses in setPath', async () => {
    const parent = tempFolder('main-smoke-relative');
    const app = fork(builtMain, [], {
      cwd: parent,
      execArgv: ['--import', register],
      env: { ...process.env, PUNCHBRIDGE_DATA_DIR: 'data', XDG_CONFIG_HOME: join(parent, 'xdg'), XDG_CURRENT_DESKTOP: 'XFCE' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const started = new RunningApp(app);
    running.push(started);
    await started.waitFor((state) => state.trays.length === 1, 'the tray appears');
    await started.request({ type: 'tray-menu', label: 'Quit Punchbridge' });
    expect((await started.exited).code).toBe(0);
    expect(existsSync(join(parent, 'data', 'journal.sqlite'))).toBe(true);
  });

  it('shows a dialog saying what to do when it cannot start', async () => {
    const parent = tempFolder('main-smoke-broken');
    // The data folder's path runs through a file: nothing can be created there.
    writeFileSync(join(parent, 'not-a-folder'), '');
    const app = launch({ PUNCHBRIDGE_DATA_DIR: join(parent, 'not-a-folder', 'data'), XDG_CONFIG_HOME: join(parent, 'xdg') });
    const exit = await app.exited;
    expect(exit.code).toBe(1);
    expect(exit.dialogs).toEqual([{ title: 'Punchbridge could not start', content: expect.stringMatching(/^Punchbridge could not start: [\s\S]+\n\n\S/) }]);
  });
});
