// Each device's log fill forecast, from the record counts of its reads in recent runs.
import type { StoredDevice } from '../../journal';
import { forecastLogFull, type LogCountSample } from '../../sync';
import type { LogFullForecast, RunSummary } from '../contract';

/**
 * Recent runs the rate is taken over: at the default run every 15 minutes, two days (a forecast needs
 * more than one); hourly, eight days.
 */
export const LOG_FILL_RUNS = 200;

/** `runs` newest first, as the journal lists them. */
export function logFullOf(device: StoredDevice, runs: RunSummary[]): LogFullForecast | undefined {
  if (device.recordCapacity === null) return undefined;
  const samples: LogCountSample[] = runs
    .flatMap((run) => run.devices.filter((result) => result.deviceId === device.id && result.ok && !result.cleared).map((result) => ({ at: run.startedAt, count: result.read })))
    .reverse();
  if (device.recordCount !== null && device.lastReadAt !== null) samples.push({ at: device.lastReadAt, count: device.recordCount });
  return forecastLogFull(samples, device.recordCapacity);
}
