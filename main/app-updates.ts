// Updates from the project's GitHub releases through electron-updater: checked in the background,
// downloaded quietly, installed on the next quit or at once from the tray's "Restart to update".
// Only a signed release build updates itself (Windows checks each update's Authenticode publisher
// against this build's, macOS's Squirrel needs a signed app); never a development build, and never
// where an administrator set PUNCHBRIDGE_UPDATES=off (e.g. by group policy, to roll out centrally).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const UPDATES_ENV = 'PUNCHBRIDGE_UPDATES';
/** First check a minute after start (not competing with the first sync), then every six hours. */
export const FIRST_CHECK_DELAY_MS = 60_000;
export const CHECK_INTERVAL_MS = 6 * 60 * 60_000;

export interface UpdatePolicyFacts {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  /** The release workflow marks signed builds in the packaged package.json (see signedRelease). */
  signedRelease: boolean;
}

/** Why this build does not update itself, or null when it does. */
export function updatesOffBecause(facts: UpdatePolicyFacts): string | null {
  if (!facts.isPackaged) return 'this is a development build';
  if (facts.env[UPDATES_ENV]?.toLowerCase() === 'off') return `the administrator turned them off (${UPDATES_ENV}=off)`;
  if (!facts.signedRelease) return 'this build is not a signed release';
  return null;
}

/**
 * The release workflow builds with `-c.extraMetadata.punchbridgeRelease.signed=true` only where
 * signing credentials exist; electron-builder writes that into the packaged package.json.
 */
export function signedRelease(appPath: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as { punchbridgeRelease?: { signed?: unknown } };
    return manifest.punchbridgeRelease?.signed === true;
  } catch {
    return false;
  }
}

/** The part of electron-updater's AppUpdater used here. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
}

export interface BackgroundUpdateDeps {
  updater: Updater;
  /** A downloaded update waits: offer the restart (the tray). */
  onReady(version: string): void;
  warn(message: string, error?: unknown): void;
  setTimer(callback: () => void, delayMs: number): () => void;
}

/** Starts the checks; returns a function that stops them. */
export function startBackgroundUpdates(deps: BackgroundUpdateDeps): () => void {
  const { updater } = deps;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('update-downloaded', (info) => deps.onReady(info.version));
  // An offline office or GitHub down is no news for HR: the next check tries again.
  updater.on('error', (error) => deps.warn('Looking for an update failed', error));
  let cancel = () => {};
  const check = (delayMs: number) => {
    cancel = deps.setTimer(() => {
      updater.checkForUpdates().catch((error: unknown) => deps.warn('Looking for an update failed', error));
      check(CHECK_INTERVAL_MS);
    }, delayMs);
  };
  check(FIRST_CHECK_DELAY_MS);
  return () => cancel();
}
