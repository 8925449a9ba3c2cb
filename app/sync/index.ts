// The sync engine (docs/ARCHITECTURE.md "A sync run"): devices into the journal, the journal into
// ERPNext, exactly once, on a schedule or on demand.
export { createSyncEngine, createSyncScheduler, type SyncEngine, type SyncEngineOptions, type SyncSettingsSource, type SecretSource } from './sync-engine';
export { createScheduler, DEFAULT_INTERVAL_MINUTES, type Scheduler, type SchedulerOptions, type SchedulerState } from './scheduler';
export { systemClock, type Clock } from './clock';
export { createFakeClock, type FakeClock } from './fake-clock';
export { convertDeviceTime, wallClockToInstant, instantToWallClock, type ConvertedTime, type ZonedInstant } from './time-zone';
export { logTypeFor, type LogTypeSettings } from './log-type';
export { runExitCode, isConfigurationError } from './run-summary';
export { timeTrapStopError } from './push-stop';
export { listShiftHolds, type ShiftHold } from './shift-holds';
export { DEVICE_READ_CONCURRENCY } from './sync-run';
export { findDevice, noSuchDevice } from './device-commands';
export { withDataFolder } from './with-data-folder';
export { openDataFolder, JOURNAL_FILE_NAME, RUN_LOCK_FILE_NAME, type DataFolder } from './data-folder';
export { createLiveCapture, LIVE_RECONNECT_MAX_MS, LIVE_RECONNECT_MIN_MS, type LiveCapture, type LiveCaptureOptions } from './live-capture';
export { createLivePusher, LIVE_PUSH_DELAY_MS, type LivePusher, type LivePusherOptions } from './live-capture-push';
export { claimIdentity, readReportedIdentity, type DeviceIdentity } from './device-identity';
export { connectOptionsFor, type ReachableDevice } from './device-connection';
export { SILENCE_NEWS_CODES, quietHoursNews, unreachableNews, silenceHistoryStart, type PunchHourCount } from './device-silence';
export { forecastLogFull, type LogCountSample } from './log-fill-forecast';
