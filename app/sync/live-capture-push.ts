// Pushing soon after a punch arrives by itself (live capture, ADMS), without waiting for the next
// scheduled run and without reading any device: a short pause gathers a burst of punches, then the
// journal's queue goes to ERPNext the way a run's push phase sends it.
import { createErpnextClient, type ErpnextClient, type ErpnextConnection } from '../erpnext';
import type { Journal } from '../journal';
import type { Logger } from '../log';
import { ERPNEXT_API_SECRET } from '../settings';
import type { ApiError } from '../vocabulary';
import { systemClock, type Clock } from './clock';
import { pushPendingPunches } from './push-punches';
import { acquireRunLock } from './run-lock';
import type { SecretSource, SyncEngine, SyncSettingsSource } from './sync-engine';

/** Punches within this long of each other go out together. */
export const LIVE_PUSH_DELAY_MS = 1000;

export interface LivePusherOptions {
  journal: Journal;
  settings: SyncSettingsSource;
  secrets: SecretSource;
  /** The engine whose runs also push: while one runs, it pushes these punches itself. */
  engine: SyncEngine;
  clock?: Clock;
  logger?: Logger;
  lockFile?: string;
  erpnextClientFactory?: (connection: ErpnextConnection) => { ok: true; value: ErpnextClient } | { ok: false; error: ApiError };
  delayMs?: number;
  /** After every push, so the UI can refresh its counts. */
  onPushed?: () => void;
}

export interface LivePusher {
  /** New punches are in the journal: push them shortly. */
  notify(): void;
  /** Resolves once no push is in progress; a run waits for this so the two never send the same punch. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createLivePusher(options: LivePusherOptions): LivePusher {
  const clock = options.clock ?? systemClock;
  const delayMs = options.delayMs ?? LIVE_PUSH_DELAY_MS;
  let cancelTimer: (() => void) | null = null;
  let pushing: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const schedule = (ms: number) => {
    if (closed || cancelTimer) return;
    cancelTimer = clock.setTimer(() => {
      cancelTimer = null;
      start();
    }, ms);
  };

  const start = () => {
    if (pushing) {
      again = true;
      return;
    }
    // A run in progress pushes the queue itself; what arrives after its push phase is picked up
    // when it finishes (below).
    if (options.engine.isRunning()) {
      again = true;
      return;
    }
    pushing = pushQueue(options, clock)
      .catch((error: unknown) => options.logger?.error('Pushing live punches failed unexpectedly', error))
      .finally(() => {
        pushing = null;
        options.onPushed?.();
        if (again) {
          again = false;
          schedule(0);
        }
      });
  };

  const stopListening = options.engine.onRunFinished(() => {
    if (!again) return;
    again = false;
    schedule(0);
  });

  return {
    notify: () => schedule(delayMs),
    async idle() {
      while (pushing) await pushing;
    },
    async close() {
      closed = true;
      cancelTimer?.();
      cancelTimer = null;
      stopListening();
      while (pushing) await pushing;
    },
  };
}

async function pushQueue(options: LivePusherOptions, clock: Clock): Promise<void> {
  const { journal, logger } = options;
  const erpnext = options.settings.getErpnext();
  const apiSecret = options.secrets.get(ERPNEXT_API_SECRET);
  // Not set up yet: the punches wait in the journal and the next run says why. Failed punches
  // wait for their backoff, which the runs keep.
  if (!erpnext || !apiSecret || journal.countByState().pending === 0) return;
  const lock = options.lockFile ? acquireRunLock(options.lockFile) : null;
  if (lock && !lock.ok) {
    logger?.info('New punches wait for the sync run in progress to finish');
    return;
  }
  let client: ErpnextClient | null = null;
  try {
    const created = (options.erpnextClientFactory ?? createErpnextClient)({ url: erpnext.url, apiKey: erpnext.apiKey, apiSecret, verifyTls: erpnext.verifyTls, caFile: erpnext.caFile });
    if (!created.ok) return logger?.warn(`New punches not pushed: ${created.error.message}`);
    client = created.value;
    const zone = erpnext.serverTimeZone ? { ok: true as const, value: erpnext.serverTimeZone } : await client.getServerTimeZone();
    if (!zone.ok) return logger?.warn(`New punches not pushed: ${zone.error.message}`);
    const sync = options.settings.getSyncSettings();
    if (sync.importStartDate) journal.ignoreBefore(sync.importStartDate);
    const pushTo = client;
    const tally = await pushPendingPunches({
      journal,
      pushCheckin: (checkin) => pushTo.pushCheckin(checkin),
      findCheckin: (checkin) => pushTo.findCheckin(checkin),
      findCheckinsSavedBetween: (checkin, from, to) => pushTo.findCheckinsSavedBetween(checkin, from, to),
      clock,
      serverZone: zone.value,
      employeeFieldname: erpnext.employeeFieldname,
      latitude: erpnext.latitude,
      longitude: erpnext.longitude,
      devices: new Map(journal.listDevices().map((device) => [device.id, device])),
      concurrency: sync.pushConcurrency,
      queued: journal.countByState().pending,
      onProgress: () => undefined,
    });
    logger?.info(
      `Pushed new punches: synced ${tally.synced}, duplicates ${tally.duplicates}, unmatched ${tally.unmatched}, rejected ${tally.rejected}, failed ${tally.failed}`,
    );
    if (tally.stop) logger?.warn(`${tally.stop.error.message} ${tally.stop.error.action}`);
  } finally {
    client?.close();
    if (lock?.ok) lock.release();
  }
}
