// The implementation of PunchbridgeApi: the journal, settings, secrets and sync engine of one data
// folder behind the contract. The desktop app, the headless host and demo mode all create it here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openJournal, type Journal } from '../../journal';
import { createLogger, registerSecret } from '../../log';
import {
  encryptedSecretStore,
  ERPNEXT_API_SECRET,
  openFileSecretStore,
  openSettings,
  settingsStoreFrom,
  type SecretCodec,
  type SettingsBacking,
} from '../../settings';
import { createSyncEngine, createSyncScheduler, systemClock, type Clock } from '../../sync';
import type { ErpnextClient } from '../../erpnext';
import type { PunchbridgeApi, PunchbridgeEvents, Result, UnmatchedUser } from '../contract';
import type { ServiceContext } from './context';
import { startDemo, type Demo } from './demo';
import { deviceMethods } from './devices';
import { erpnextMethods, savedErpnextClient } from './erpnext';
import { createEventHub } from './event-hub';
import { importMethods } from './imports';
import { mappingMethods } from './mapping';
import { settingsMethods } from './preferences';
import { punchMethods } from './punches';
import { readStatus } from './status';

export const JOURNAL_FILE_NAME = 'journal.sqlite';
export const RUN_LOCK_FILE_NAME = 'sync.lock';
/** Secrets encrypted by the operating system's keystore (desktop app). */
export const ENCRYPTED_SECRETS_FILE_NAME = 'secrets.safe.json';
/** Demo mode keeps its journal and settings apart from the real ones. */
export const DEMO_FOLDER_NAME = 'demo';

export interface ServiceOptions {
  dataDir: string;
  mode: 'desktop' | 'headless' | 'demo';
  /** Desktop: encrypt secrets with safeStorage instead of an owner-only file. */
  secretCipher?: SecretCodec;
  /** Desktop: electron-store instead of conf (same file format). */
  settingsBacking?: SettingsBacking;
  clock?: Clock;
}

export type PunchbridgeService = PunchbridgeApi &
  PunchbridgeEvents & {
    /** The computer woke or was unlocked: sync now unless the schedule is paused. */
    onWake(): void;
    close(): Promise<void>;
  };

export async function createPunchbridgeService(options: ServiceOptions): Promise<PunchbridgeService> {
  const log = createLogger('service');
  const demo: Demo | null = options.mode === 'demo' ? await startDemo() : null;
  const dataDir = demo ? join(options.dataDir, DEMO_FOLDER_NAME) : options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
  const settings = options.settingsBacking ? settingsStoreFrom(options.settingsBacking) : openSettings(dataDir);
  const secrets = options.secretCipher ? encryptedSecretStore(join(dataDir, ENCRYPTED_SECRETS_FILE_NAME), options.secretCipher) : openFileSecretStore(dataDir);
  demo?.configure({ journal, settings, secrets });
  registerSecret(secrets.get(ERPNEXT_API_SECRET));

  const clock = options.clock ?? systemClock;
  const hub = createEventHub((error) => log.error('An event listener failed', error));
  const engine = createSyncEngine({ journal, settings, secrets, clock, logger: createLogger('sync'), lockFile: join(dataDir, RUN_LOCK_FILE_NAME) });
  const stored = settings.getSchedule();
  let statusQueued = false;
  const announceStatus = () => {
    // Many changes can land in one tick (a run finishing, a mapping): send the status once.
    if (statusQueued) return;
    statusQueued = true;
    queueMicrotask(() => {
      statusQueued = false;
      hub.emit({ type: 'status', status: readStatus(context) });
    });
  };
  const scheduler = createSyncScheduler(engine, {
    clock,
    intervalMinutes: stored.intervalMinutes,
    runAtStart: stored.runAtStart,
    paused: stored.paused,
    onChange: announceStatus,
    onUnexpectedError: (error) => log.error('A scheduled sync failed unexpectedly', error),
  });

  let client: Result<ErpnextClient> | null = null;
  const context: ServiceContext = {
    mode: options.mode,
    journal,
    settings,
    secrets,
    engine,
    scheduler,
    hub,
    clock,
    log,
    erpnext: () => (client ??= savedErpnextClient({ settings, secrets })),
    forgetErpnextClient: () => {
      if (client?.ok) client.value.close();
      client = null;
    },
    announceStatus,
  };

  const unmatchedBefore = new Set(unmatchedKeys(journal));
  engine.onProgress((progress) => hub.emit({ type: 'progress', progress }));
  engine.onRunFinished((run) => {
    hub.emit({ type: 'run-finished', run });
    for (const error of run.errors) hub.emit({ type: 'error', error });
    const fresh = journal.listUnmatchedUsers().filter((user) => !unmatchedBefore.has(unmatchedKey(user)));
    for (const user of fresh) unmatchedBefore.add(unmatchedKey(user));
    if (fresh.length > 0) hub.emit({ type: 'unmatched-users', users: fresh });
    announceStatus();
  });
  scheduler.start();
  log.info(`Punchbridge service started (${options.mode}) on ${dataDir}`);

  return {
    getStatus: async () => readStatus(context),
    syncNow: async () => {
      if (journal.listDevices().length === 0 && journal.countByState().pending === 0) {
        return { ok: false, error: { code: 'nothing-to-sync', message: 'There is no device to read yet.', action: 'Add a device on the Devices page, then sync.' } };
      }
      return { ok: true, value: await scheduler.trigger('manual') };
    },
    ...deviceMethods(context),
    ...erpnextMethods(context),
    ...mappingMethods(context),
    ...punchMethods(context),
    ...settingsMethods(context),
    ...importMethods(context),
    subscribe: hub.subscribe,
    onWake: () => scheduler.onWake(),
    async close() {
      scheduler.stop();
      // Let a run in progress finish writing to the journal before it closes.
      const running = engine.isRunning() ? engine.runOnce('manual').catch(() => undefined) : null;
      await running;
      context.forgetErpnextClient();
      journal.close();
      await demo?.close();
      log.info('Punchbridge service stopped');
    },
  };
}

function unmatchedKey(user: UnmatchedUser): string {
  return `${user.deviceSerial}/${user.userId}`;
}

function unmatchedKeys(journal: Journal): string[] {
  return journal.listUnmatchedUsers().map(unmatchedKey);
}
