// The desktop app's smoke test: it starts, opens its window, and the renderer sees the contract
// through the preload and nothing of Node. Runs only where the Electron binary is installed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { PUNCHBRIDGE_API_METHODS, type AppStatus } from '../app/api/contract';
import { electronBinary } from '../scripts/electron-binary.js';

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
