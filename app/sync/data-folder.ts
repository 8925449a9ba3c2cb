// What a command (or the headless host) opens in a data folder: the journal, the settings, the
// secret store, and the sync engine over them.
import { join } from 'node:path';
import { openJournal, type Journal } from '../journal';
import { createOwnerOnlyFolder } from '../owner-only';
import { openFileSecretStore, openSettings, type SecretStore, type SettingsStore } from '../settings';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync-engine';

export const JOURNAL_FILE_NAME = 'journal.sqlite';
export const RUN_LOCK_FILE_NAME = 'sync.lock';

export interface DataFolder {
  dataDir: string;
  journal: Journal;
  settings: SettingsStore;
  secrets: SecretStore;
  /** A sync engine on this folder, locked against other processes using it. */
  createEngine(options?: Partial<SyncEngineOptions>): SyncEngine;
  close(): void;
}

/** Opens (creating when needed) the data folder; throws JournalOpenError when the journal cannot be used. */
export function openDataFolder(dataDir: string): DataFolder {
  createOwnerOnlyFolder(dataDir);
  const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
  const settings = openSettings(dataDir);
  const secrets = openFileSecretStore(dataDir);
  return {
    dataDir,
    journal,
    settings,
    secrets,
    createEngine: (options) =>
      createSyncEngine({ journal, settings, secrets, lockFile: join(dataDir, RUN_LOCK_FILE_NAME), ...options }),
    close: () => journal.close(),
  };
}
