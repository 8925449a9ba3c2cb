import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Punchbridge';

/**
 * The folder the desktop app keeps its data in (Electron's `userData` for our app name), so the
 * CLI and the desktop app share one journal by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PUNCHBRIDGE_DATA_DIR) return env.PUNCHBRIDGE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
