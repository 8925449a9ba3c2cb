// The desktop app's smoke test: it starts, opens its window, and the renderer sees the contract
// through the preload and nothing of Node. Runs only where the Electron binary is installed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { PUNCHBRIDGE_API_METHODS, type AppStatus } from '../app/api/contract';

/** Where `require('electron')` would point, without its fallback of downloading the binary. */
function electronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const projectRoot = join(import.meta.dirname, '..');

test.describe('Electron smoke', () => {
  test.skip(binary === null, 'The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); the desktop smoke test runs where it is.');
  test.skip(!existsSync(join(projectRoot, 'out', 'main', 'index.js')), 'Build the desktop app first: npm run build');

  test('opens the window with the PunchbridgeApi exposed and no Node in the renderer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [projectRoot],
      env: { ...process.env, PUNCHBRIDGE_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle(/Punchbridge/);
      const exposed = await window.evaluate(() => Object.keys((globalThis as unknown as { punchbridge: object }).punchbridge).sort());
      expect(exposed).toEqual([...PUNCHBRIDGE_API_METHODS, 'subscribe'].sort());
      const nodeVisible = await window.evaluate(() => 'require' in globalThis || 'process' in globalThis);
      expect(nodeVisible).toBe(false);
      const status = await window.evaluate(() =>
        (globalThis as unknown as { punchbridge: { getStatus(): Promise<AppStatus> } }).punchbridge.getStatus(),
      );
      expect(status.mode).toBe('desktop');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
