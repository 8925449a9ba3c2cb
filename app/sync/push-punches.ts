// Pushing the journal's queue to ERPNext: each punch converted to the server zone, given its log
// type and employee, sent, and moved to the state its answer calls for (docs/ARCHITECTURE.md "Punch
// states").
import type { ApiError, LogTypeRule, Punch, Result } from '../vocabulary';
import type { CheckinPunch, PushOutcome, SavedCheckin } from '../erpnext';
import type { DoubtWindow, MappedEmployee, PunchWrites, PushStopStore, SentPunch, TrapDoubtQueries } from '../journal';
import { backoffDelayMs, BETWEEN_RUNS_BACKOFF } from './backoff';
import type { Clock } from './clock';
import { logTypeFor } from './log-type';
import { runPushPool, type PoolStop, type PushStep } from './push-pool';
import { pushGate, timeTrapStopError } from './push-stop';
import { sendOnce, type InDoubt, type OnceSender, type TrapWatch } from './send-once';
import { createTrappedSaveFinder, trappedSaveError, type TrappedSaveFinder } from './trapped-save';
import { unknownUserIds } from './unknown-user-ids';
import { convertDeviceTime } from './time-zone';

/** What pushing needs to know about the device a punch came from. */
export interface PushDeviceSettings {
  timeZone: string | null;
  logTypeRule: LogTypeRule;
  inStates: number[];
  outStates: number[];
}

/** The journal calls pushing makes. */
export interface PushJournal
  extends PushStopStore,
    TrapDoubtQueries,
    Pick<PunchWrites, 'takePendingPunches' | 'markSynced' | 'markDuplicate' | 'markUnmatched' | 'markRejected' | 'markFailed' | 'markInDoubt' | 'listInDoubt'> {
  resolveEmployee(userId: string, deviceId: string | null): MappedEmployee | null;
  transaction<T>(work: () => T): T;
}

export interface PushPunchesOptions extends OnceSender {
  /** Checkins of a punch's employee, device and log type saved between two server times. */
  findCheckinsSavedBetween(checkin: CheckinPunch, from: string, to: string): Promise<Result<SavedCheckin[]>>;
  journal: PushJournal;
  clock: Clock;
  serverZone: string;
  /** The Employee field device user ids are matched against when no local mapping exists. */
  employeeFieldname: 'attendance_device_id' | 'name';
  latitude: number | null;
  longitude: number | null;
  devices: ReadonlyMap<string, PushDeviceSettings>;
  concurrency: number;
  /**
   * The employee field values in the Employee list just read: a punch with none of them and no
   * mapping is suspect (see unknown-user-ids.ts). Absent: every punch is sent.
   */
  employeeFieldValues?: ReadonlySet<string> | null;
  /** How many punches wait, for progress; refined as batches are taken. */
  queued: number;
  onProgress(done: number, total: number): void;
  random?: () => number;
}

export interface PushTally {
  synced: number;
  duplicates: number;
  unmatched: number;
  rejected: number;
  failed: number;
  stop: PoolStop | null;
}

const BATCH_SIZE = 1000;

/** Said of a punch in doubt, where its reason is shown. */
const IN_DOUBT_NOTE = 'ERPNext may have saved it all the same: Punchbridge looks it up there before sending it again.';

const DEFAULT_DEVICE: PushDeviceSettings = { timeZone: null, logTypeRule: 'auto', inStates: [0, 4], outStates: [1, 5] };

export async function pushPendingPunches(options: PushPunchesOptions): Promise<PushTally> {
  const tally: PushTally = { synced: 0, duplicates: 0, unmatched: 0, rejected: 0, failed: 0, stop: null };
  const { journal } = options;
  const gate = pushGate(journal.getPushStop());
  if (gate.kind === 'stopped') return { ...tally, stop: { reason: 'fatal', error: gate.error } };
  const inDoubt: InDoubt = new Map(journal.listDoubtWindows().map((punch) => [punch.id, punch.doubt]));
  const finder = createTrappedSaveFinder({ journal, serverZone: options.serverZone, findCheckinsSavedBetween: options.findCheckinsSavedBetween });
  const trap: TrapWatch = {
    finder,
    clock: options.clock,
    onEarlierTrappedSave: (punchId, checkin, saved) => journal.recordTimeTrap(wrongCheckin(punchId, checkin, saved)),
  };
  const seen = new Set<number>();
  const unknownIds = unknownUserIds(options.employeeFieldValues ?? null, options.employeeFieldname);
  let done = 0;
  let total = options.queued;
  options.onProgress(0, total);

  for (;;) {
    // After the time trap was lifted, one punch at a time until one keeps its time.
    const checking = pushGate(journal.getPushStop()).kind === 'checking';
    const taken = journal.takePendingPunches(BATCH_SIZE, new Date(options.clock.now()).toISOString()).filter((punch) => !seen.has(punch.id));
    const batch = checking ? taken.slice(0, 1) : taken;
    if (batch.length === 0) break;
    for (const punch of batch) seen.add(punch.id);
    total = Math.max(total, done + taken.length);
    const sentById = new Map<number, SentPunch>();
    // Punches in doubt not yet answered in this push: those the trap answered were looked for just then.
    const unansweredById = new Map<number, CheckinPunch>();
    const result = await runPushPool(batch, {
      concurrency: checking ? 1 : options.concurrency,
      clock: options.clock,
      random: options.random,
      attempt: async (punch) => {
        const { checkin, sent } = prepare(punch, options);
        sentById.set(punch.id, sent);
        const outcome = await unknownIds.send(checkin, sent.employee !== null, () => sendOnce(punch.id, checkin, inDoubt, options, trap));
        if (outcome.kind === 'transient' && outcome.inDoubt) unansweredById.set(punch.id, checkin);
        else unansweredById.delete(punch.id);
        // A state change may write two rows (the punch, the employee's name): one commit for both.
        return journal.transaction(() => {
          if (checking && outcome.kind === 'accepted') journal.clearPushStop();
          return settle(punch, sent, outcome, journal, tally, inDoubt.get(punch.id) ?? null);
        });
      },
      giveUp: (punch, error) => {
        const nextAttemptAt = new Date(options.clock.now() + backoffDelayMs(punch.attempts + 1, BETWEEN_RUNS_BACKOFF, options.random)).toISOString();
        const sent = sentById.get(punch.id);
        journal.transaction(() =>
          inDoubt.has(punch.id)
            ? journal.markInDoubt(punch.id, `${error.message} ${IN_DOUBT_NOTE}`, nextAttemptAt, sent, inDoubt.get(punch.id) ?? undefined)
            : journal.markFailed(punch.id, error.message, nextAttemptAt, sent),
        );
        tally.failed++;
      },
      onItemDone: () => options.onProgress(++done, total),
    });
    if (result.stop) {
      if (result.stop.error.code === 'erpnext-time-trap') tally.rejected += await listTrappedSavesInDoubt(inDoubt, unansweredById, finder, journal);
      // Every checkin the trap caught, those of the other requests in flight too, in one message.
      const stop = journal.getPushStop();
      tally.stop = result.stop.error.code === 'erpnext-time-trap' && stop ? { reason: 'fatal', error: timeTrapStopError(stop) } : result.stop;
      break;
    }
  }
  options.onProgress(done, done);
  return tally;
}

/**
 * The trap has just shown: a punch of this push still in doubt may have been caught by it, its
 * checkin saved at the server's time. Each one found is held and listed as the trap's answers
 * are, so HR sees it before lifting the stop; the others are looked for when next sent.
 */
async function listTrappedSavesInDoubt(inDoubt: InDoubt, checkins: ReadonlyMap<number, CheckinPunch>, finder: TrappedSaveFinder, journal: PushJournal): Promise<number> {
  let listed = 0;
  for (const [punchId, doubt] of inDoubt) {
    const checkin = checkins.get(punchId);
    if (!doubt || !checkin) continue;
    const trapped = await finder.find(checkin, doubt);
    if (!trapped.ok || !trapped.value) continue;
    const saved = trapped.value;
    journal.transaction(() => {
      journal.markRejected(punchId, trappedSaveError(saved, checkin.timestamp).message);
      journal.recordTimeTrap(wrongCheckin(punchId, checkin, saved));
    });
    inDoubt.delete(punchId);
    listed++;
  }
  return listed;
}

function wrongCheckin(punchId: number, checkin: CheckinPunch, saved: SavedCheckin) {
  return { checkinName: saved.checkinName, punchId, employee: saved.employee, sentTime: checkin.timestamp, savedTime: saved.savedTime };
}

function prepare(punch: Punch, options: PushPunchesOptions): { checkin: CheckinPunch; sent: SentPunch } {
  const device = (punch.deviceId && options.devices.get(punch.deviceId)) || DEFAULT_DEVICE;
  const { serverTime, timeNote } = convertDeviceTime(punch.deviceTime, device.timeZone ?? options.serverZone, options.serverZone);
  const logType = logTypeFor(punch.punchStateCode, device);
  // A local mapping names the employee itself; otherwise ERPNext looks the device user id up.
  const mapped = options.journal.resolveEmployee(punch.userId, punch.deviceId);
  const checkin: CheckinPunch = {
    employeeFieldValue: mapped ? mapped.employee : punch.userId,
    employeeFieldname: mapped ? 'name' : options.employeeFieldname,
    timestamp: serverTime,
    deviceId: punch.deviceName,
    logType,
    latitude: options.latitude,
    longitude: options.longitude,
  };
  const sent: SentPunch = { serverTime, logType, timeNote, employee: mapped?.employee ?? null, employeeName: mapped?.employeeName ?? null };
  return { checkin, sent };
}

// MariaDB compares Frappe's text columns without regard to case or trailing spaces.
function settle(punch: Punch, sent: SentPunch, outcome: PushOutcome, journal: PushJournal, tally: PushTally, doubt: DoubtWindow | null): PushStep {
  const reason = (refusal: { error: ApiError; serverMessage: string | null }) => refusal.serverMessage ?? refusal.error.message;
  switch (outcome.kind) {
    case 'accepted':
      journal.markSynced(punch.id, { ...sent, employee: outcome.employee ?? sent.employee, employeeName: outcome.employeeName ?? sent.employeeName }, outcome.checkinName);
      tally.synced++;
      return { kind: 'settled' };
    case 'duplicate':
      // The answer links the checkin ERPNext has: kept, so that the punch can be found there.
      if (outcome.existingCheckin) journal.markSynced(punch.id, sent, outcome.existingCheckin);
      else journal.markDuplicate(punch.id, sent);
      tally.duplicates++;
      return { kind: 'settled' };
    case 'no-employee':
      journal.markUnmatched(punch.id, reason(outcome), sent);
      tally.unmatched++;
      return { kind: 'settled' };
    case 'inactive-employee':
    case 'log-type-required':
    case 'geolocation-required':
    case 'validation':
      journal.markRejected(punch.id, reason(outcome), sent);
      tally.rejected++;
      return { kind: 'settled' };
    case 'document-refused':
      // Refused for this employee only: held with the reason, and the others go on.
      journal.markRejected(punch.id, outcome.error.message, sent);
      tally.rejected++;
      return { kind: 'settled' };
    case 'rate-limited':
      return { kind: 'rate-limited', error: outcome.error, retryAfterMs: outcome.retryAfterMs };
    case 'transient':
      return { kind: 'transient', error: outcome.error };
    case 'time-trap':
      // ERPNext did create this checkin, with its own clock's time: held with the reason, and kept
      // on the list HR deletes from; every further push would do the same, so pushing stops until
      // a person lifts the stop.
      journal.markRejected(punch.id, outcome.error.message, sent);
      journal.recordTimeTrap({ checkinName: outcome.checkinName, punchId: punch.id, employee: sent.employee, sentTime: sent.serverTime, savedTime: outcome.savedTime });
      if (doubt) journal.keepInDoubt(punch.id, doubt);
      tally.rejected++;
      return { kind: 'stop-run', error: outcome.error };
    case 'bad-credentials':
    case 'no-permission':
    case 'redirected':
    case 'proxy-page':
    case 'endpoint-missing':
      return { kind: 'stop-run', error: outcome.error };
  }
}
