// The implementation of PunchbridgeApi: the journal, settings, secrets and sync engine of one data
// folder behind the contract. The desktop app, the headless host and demo mode all create it here.
import { join } from 'node:path';
import { JournalOpenError, openJournal, type Journal } from '../../journal';
import { storageFailure } from '../../storage-failure';
import { createOwnerOnlyFolder } from '../../owner-only';
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
import {
  createLiveCapture,
  createLivePusher,
  createSyncEngine,
  createSyncScheduler,
  JOURNAL_FILE_NAME,
  RUN_LOCK_FILE_NAME,
  systemClock,
  type Clock,
  type SyncEngine,
} from '../../sync';
import type { ErpnextClient } from '../../erpnext';
import type { PunchbridgeApi, PunchbridgeEvents, Result, UnmatchedUser } from '../contract';
import { admsMethods, admsReceiverControl, journalAdmsSink } from './adms';
import type { ServiceContext } from './context';
import { startDemo, type Demo } from './demo';
import { deviceUserMethods } from './device-users';
import { deviceMethods } from './devices';
import { deviceTraceMethods } from './device-trace';
import { erpnextMethods, savedErpnextClient } from './erpnext';
import { createEventHub } from './event-hub';
import { importMethods } from './imports';
import { mappingMethods } from './mapping';
import { settingsMethods } from './preferences';
import { punchActivityMethods } from './punch-activity';
import { punchMethods } from './punches';
import { pushStopMethods } from './push-stop';
import { refusalMethods } from './refusals';
import { readStatus } from './status';

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
  /** Where the ADMS receiver listens when a port is set; default every interface, 127.0.0.1 in demo mode (tests: 127.0.0.1). */
  admsHost?: string;
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
  createOwnerOnlyFolder(dataDir);
  const journal = openJournal(join(dataDir, JOURNAL_FILE_NAME));
  refuseUnwritableJournal(journal, dataDir);
  const settings = options.settingsBacking ? settingsStoreFrom(options.settingsBacking) : openSettings(dataDir);
  const secrets = options.secretCipher ? encryptedSecretStore(join(dataDir, ENCRYPTED_SECRETS_FILE_NAME), options.secretCipher) : openFileSecretStore(dataDir);
  demo?.configure({ journal, settings, secrets });
  registerSecret(secrets.get(ERPNEXT_API_SECRET));

  const clock = options.clock ?? systemClock;
  const hub = createEventHub((error) => log.error('An event listener failed', error));
  const lockFile = join(dataDir, RUN_LOCK_FILE_NAME);
  const syncEngine = createSyncEngine({ journal, settings, secrets, clock, logger: createLogger('sync'), lockFile });
  // Punches that arrive by themselves (live capture, ADMS) are pushed within seconds; a run waits
  // for such a push to finish so that the two never send the same punch at once.
  const pusher = createLivePusher({ journal, settings, secrets, engine: syncEngine, clock, logger: createLogger('live'), lockFile, onPushed: () => announceStatus() });
  const engine: SyncEngine = {
    ...syncEngine,
    runOnce: async (trigger) => {
      await pusher.idle();
      return syncEngine.runOnce(trigger);
    },
  };
  // Punches that arrive by themselves (live, ADMS) show at once as waiting, then go to ERPNext.
  const punchesArrived = () => {
    announceStatus();
    pusher.notify();
  };
  const liveCapture = createLiveCapture({ journal, secrets, onPunch: punchesArrived, logger: createLogger('live') });
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
    // A fresh install has nothing to read: its first run would only complain about missing settings.
    runAtStart: stored.runAtStart && journal.listDevices().length > 0,
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
  // Demo mode opens nothing to the network: its receiver answers this computer only.
  const adms = admsReceiverControl(context, journalAdmsSink(context, punchesArrived), options.admsHost ?? (options.mode === 'demo' ? '127.0.0.1' : undefined));
  const admsStarted = await adms.apply(settings.getSyncSettings().admsPort);
  if (!admsStarted.ok) hub.emit({ type: 'error', error: admsStarted.error });
  liveCapture.refresh();
  scheduler.start();
  log.info(`Punchbridge service started (${options.mode}) on ${dataDir}`);

  const devices = deviceMethods(context);
  const preferences = settingsMethods(context);
  /** The live connections follow every device change (added, switched to live, new comm key, removed). */
  const afterDeviceChange =
    <A, R>(method: (input: A) => Promise<R>) =>
    async (input: A): Promise<R> => {
      const result = await method(input);
      liveCapture.refresh();
      return result;
    };

  return {
    getStatus: async () => readStatus(context),
    syncNow: async () => {
      if (journal.listDevices().length === 0 && journal.countByState().pending === 0) {
        return { ok: false, error: { code: 'nothing-to-sync', message: 'There is no device to read yet.', action: 'Add a device on the Devices page, then sync.' } };
      }
      // A person pressing Sync now expects punches that failed earlier (ERPNext was down) to be
      // tried again now, not after their backoff.
      const retried = journal.requeueByState(['failed']);
      if (retried > 0) log.info(`Sync now: ${retried} failed punches tried again`);
      return { ok: true, value: await scheduler.trigger('manual') };
    },
    ...devices,
    addDevice: afterDeviceChange(devices.addDevice),
    updateDevice: afterDeviceChange(devices.updateDevice),
    removeDevice: afterDeviceChange(devices.removeDevice),
    ...deviceTraceMethods(context),
    ...erpnextMethods(context),
    ...mappingMethods(context),
    ...punchMethods(context),
    ...pushStopMethods(context),
    ...refusalMethods(context),
    ...punchActivityMethods(context),
    ...preferences,
    async saveSyncSettings(input) {
      const saved = await preferences.saveSyncSettings(input);
      if (!saved.ok) return saved;
      const moved = await adms.apply(saved.value.admsPort);
      return moved.ok ? saved : { ok: false, error: { ...moved.error, message: `The settings were saved, but ${moved.error.message.replace(/^The /, 'the ')}` } };
    },
    ...importMethods(context),
    ...admsMethods(context, () => liveCapture.refresh()),
    admsReach: async () => adms.reach(),
    ...deviceUserMethods(context, lockFile),
    subscribe: hub.subscribe,
    onWake: () => scheduler.onWake(),
    async close() {
      scheduler.stop();
      await Promise.all([adms.close(), liveCapture.close()]);
      await pusher.close();
      // Let a run in progress finish writing to the journal before it closes.
      const running = engine.isRunning() ? engine.runOnce('manual').catch(() => undefined) : null;
      await running;
      engine.close();
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

/** A service that cannot keep what it receives must not start and claim to run. */
function refuseUnwritableJournal(journal: Journal, dataDir: string): void {
  try {
    journal.checkWritable();
  } catch (error) {
    journal.close();
    const failure = storageFailure(error, dataDir);
    if (!failure) throw error;
    throw new JournalOpenError(failure);
  }
}
