// The sync engine: runs one sync at a time (a second trigger joins the run in progress), tells
// listeners how it goes, and keeps a second process off the journal while it runs. The schedule
// sits on top (createSyncScheduler).
import type { ApiError, RunProgress, RunSummary, RunTrigger } from '../vocabulary';
import { createErpnextClient, type ErpnextClient, type ErpnextConnection } from '../erpnext';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import { deviceCommKeyName, ERPNEXT_API_SECRET, type SecretStore, type SettingsStore } from '../settings';
import { connectZk, type ZkConnectOptions, type ZkDevice } from '../zk';
import { systemClock, type Clock } from './clock';
import { acquireRunLock } from './run-lock';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler';
import { executeRun, type RunConfig } from './sync-run';

/** The settings a run reads (a SettingsStore has them). */
export type SyncSettingsSource = Pick<SettingsStore, 'getErpnext' | 'getSyncSettings'>;

/** Where the API secret and comm keys are kept (a SecretStore). */
export type SecretSource = Pick<SecretStore, 'get'>;

export interface SyncEngineOptions {
  journal: Journal;
  settings: SyncSettingsSource;
  secrets: SecretSource;
  erpnextClientFactory?: (connection: ErpnextConnection) => { ok: true; value: ErpnextClient } | { ok: false; error: ApiError };
  zkConnect?: (options: ZkConnectOptions) => Promise<ZkDevice>;
  clock?: Clock;
  logger?: Logger;
  /** A lock file beside the journal, so that two processes never run at once. */
  lockFile?: string;
}

export interface SyncEngine {
  /** Run a sync now, or join the one in progress. Resolves with the summary; rejects only on a bug. */
  runOnce(trigger: RunTrigger): Promise<RunSummary>;
  onProgress(listener: (progress: RunProgress) => void): () => void;
  onRunFinished(listener: (summary: RunSummary) => void): () => void;
  /** The run in progress, or null. */
  progress(): RunProgress | null;
  isRunning(): boolean;
  /** Close the ERPNext connection kept between runs. */
  close(): void;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const clock = options.clock ?? systemClock;
  const progressListeners = new Set<(progress: RunProgress) => void>();
  const finishedListeners = new Set<(summary: RunSummary) => void>();
  let current: Promise<RunSummary> | null = null;
  let latest: RunProgress | null = null;
  const erpnextClients = keptErpnextClient(options.erpnextClientFactory ?? createErpnextClient);

  const emit = (progress: RunProgress) => {
    latest = progress;
    for (const listener of progressListeners) listener(progress);
  };

  const run = async (trigger: RunTrigger): Promise<RunSummary> => {
    const lock = options.lockFile ? acquireRunLock(options.lockFile) : null;
    if (lock && !lock.ok) return recordRefusedRun(options.journal, trigger, clock);
    try {
      options.logger?.info(`Sync run started (${trigger})`);
      const summary = await executeRun(trigger, loadRunConfig(options), {
        journal: options.journal,
        erpnextClient: erpnextClients.clientFor,
        zkConnect: options.zkConnect ?? connectZk,
        clock,
      }, emit);
      logSummary(options.logger, summary);
      return summary;
    } finally {
      if (lock?.ok) lock.release();
    }
  };

  return {
    runOnce(trigger) {
      current ??= run(trigger)
        .then((summary) => {
          for (const listener of finishedListeners) listener(summary);
          return summary;
        })
        .finally(() => {
          current = null;
          latest = null;
        });
      return current;
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    onRunFinished(listener) {
      finishedListeners.add(listener);
      return () => finishedListeners.delete(listener);
    },
    progress: () => latest,
    isRunning: () => current !== null,
    close: () => erpnextClients.close(),
  };
}

type ClientFactory = NonNullable<SyncEngineOptions['erpnextClientFactory']>;

/**
 * One ERPNext client kept from run to run while the connection settings stay the same: it keeps
 * its sockets and the checkin endpoint it found, so a run does not probe the server again (the
 * probe is a call to the checkin method) and sends exactly one call per punch.
 */
function keptErpnextClient(create: ClientFactory): { clientFor: ClientFactory; close(): void } {
  let kept: { key: string; client: ErpnextClient } | null = null;
  const close = () => {
    kept?.client.close();
    kept = null;
  };
  return {
    clientFor(connection) {
      const key = JSON.stringify(connection);
      if (kept?.key === key) return { ok: true, value: kept.client };
      close();
      const created = create(connection);
      if (created.ok) kept = { key, client: created.value };
      return created;
    },
    close,
  };
}

/** The schedule on top of an engine: interval, run at start, wake, pause, joining triggers. */
export function createSyncScheduler(
  engine: SyncEngine,
  options: Omit<SchedulerOptions<RunSummary>, 'run' | 'clock'> & { clock?: Clock },
): Scheduler<RunSummary> {
  return createScheduler({ ...options, clock: options.clock ?? systemClock, run: (trigger) => engine.runOnce(trigger) });
}

function loadRunConfig(options: SyncEngineOptions): RunConfig {
  const commKeys = new Map<string, string>();
  for (const device of options.journal.listDevices()) {
    const key = options.secrets.get(deviceCommKeyName(device.id));
    if (key) commKeys.set(device.id, key);
  }
  return {
    erpnext: options.settings.getErpnext(),
    apiSecret: options.secrets.get(ERPNEXT_API_SECRET),
    sync: options.settings.getSyncSettings(),
    commKeyOf: (deviceId) => commKeys.get(deviceId) ?? null,
  };
}

function recordRefusedRun(journal: Journal, trigger: RunTrigger, clock: Clock): RunSummary {
  const run = journal.startRun(trigger);
  const summary: RunSummary = {
    id: run.id,
    trigger,
    startedAt: run.startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
    outcome: 'failed',
    counts: { read: 0, new: 0, synced: 0, duplicates: 0, unmatched: 0, rejected: 0, failed: 0 },
    devices: [],
    errors: [
      {
        code: 'sync-already-running',
        message: 'Another Punchbridge (the desktop app, the headless host or a `punchbridge sync`) is syncing this data folder right now.',
        action: 'Wait for that sync to finish, then try again.',
      },
    ],
    warnings: [],
  };
  journal.finishRun(summary);
  return summary;
}

function logSummary(logger: Logger | undefined, summary: RunSummary): void {
  if (!logger) return;
  const { counts } = summary;
  logger.info(
    `Sync run ${summary.id} ${summary.outcome}: read ${counts.read}, new ${counts.new}, synced ${counts.synced}, duplicates ${counts.duplicates}, unmatched ${counts.unmatched}, rejected ${counts.rejected}, failed ${counts.failed}`,
  );
  for (const error of summary.errors) logger.warn(`${error.message} ${error.action}`);
  for (const device of summary.devices) if (device.error) logger.warn(`${device.deviceName}: ${device.error.message}`);
}
