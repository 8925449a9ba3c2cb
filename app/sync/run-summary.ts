// A finished run in numbers and words (the contract's RunSummary), and what it means for a script
// that ran `punchbridge sync`.
import type { ApiError, DeviceRunResult, RunOutcome, RunSummary, RunTrigger } from '../vocabulary';
import type { DeviceReadResult } from './device-read';
import type { PushTally } from './push-punches';

/** Problems a person must fix in the settings or in ERPNext before sending can work at all. */
const CONFIGURATION_ERRORS = new Set([
  'erpnext-not-configured',
  'server-zone-unknown',
  'erpnext-bad-credentials',
  'erpnext-no-permission',
  'erpnext-endpoint-missing',
  'erpnext-time-trap',
  'erpnext-redirected',
  'erpnext-proxy-page',
  'erpnext-ca-file',
  'erpnext-tls',
  'comm-key-required',
  'comm-key-wrong',
]);

export function isConfigurationError(error: ApiError): boolean {
  return CONFIGURATION_ERRORS.has(error.code);
}

export interface RunFacts {
  run: { id: number; startedAt: string };
  trigger: RunTrigger;
  finishedAt: string;
  reads: readonly DeviceReadResult[];
  /** null when nothing was pushed (ERPNext not usable). */
  push: PushTally | null;
  errors: ApiError[];
  warnings: string[];
}

export function summarizeRun(facts: RunFacts): RunSummary {
  const { reads, push, errors } = facts;
  const devices = reads.map(toDeviceRunResult);
  const counts = {
    read: sum(reads.map((read) => read.read)),
    new: sum(reads.map((read) => read.new)),
    synced: push?.synced ?? 0,
    duplicates: push?.duplicates ?? 0,
    unmatched: push?.unmatched ?? 0,
    rejected: push?.rejected ?? 0,
    failed: push?.failed ?? 0,
  };
  const failedDevices = devices.filter((device) => !device.ok);
  const everyDeviceFailed = devices.length > 0 && failedDevices.length === devices.length;
  let outcome: RunOutcome = 'ok';
  if (errors.length > 0 || failedDevices.length > 0 || counts.failed > 0 || counts.rejected > 0) outcome = 'partial';
  if (errors.some(isConfigurationError) || (everyDeviceFailed && push === null)) outcome = 'failed';
  return {
    id: facts.run.id,
    trigger: facts.trigger,
    startedAt: facts.run.startedAt,
    finishedAt: facts.finishedAt,
    outcome,
    counts,
    devices,
    errors,
    warnings: facts.warnings,
  };
}

/** `punchbridge sync`'s exit code: 2 configuration or credentials, 1 some work failed, 0 all good. */
export function runExitCode(summary: RunSummary): 0 | 1 | 2 {
  const deviceErrors = summary.devices.flatMap((device) => (device.error ? [device.error] : []));
  if ([...summary.errors, ...deviceErrors].some(isConfigurationError)) return 2;
  if (summary.outcome !== 'ok') return 1;
  return 0;
}

function toDeviceRunResult(read: DeviceReadResult): DeviceRunResult {
  return {
    deviceId: read.deviceId,
    deviceName: read.deviceName,
    serialNumber: read.serialNumber,
    ok: read.ok,
    read: read.read,
    new: read.new,
    cleared: read.cleared,
    clockSkewSeconds: read.clockSkewSeconds,
    error: read.error,
    durationMs: read.durationMs,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
