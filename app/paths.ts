import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const APP_NAME = 'Punchbridge';

/** XDG_CONFIG_HOME when it is set to an absolute path; the XDG spec says to ignore anything else. */
export function xdgConfigHome(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.XDG_CONFIG_HOME;
  return configured && isAbsolute(configured) ? configured : join(homedir(), '.config');
}

/**
 * The folder the desktop app keeps its data in (Electron's `userData` for our app name), so the
 * CLI and the desktop app share one journal by default. Always absolute: Electron's app.setPath
 * throws on a relative path.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PUNCHBRIDGE_DATA_DIR) return resolve(env.PUNCHBRIDGE_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(xdgConfigHome(env), APP_NAME);
}
