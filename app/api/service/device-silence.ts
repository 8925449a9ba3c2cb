// The silence rules applied to the configured devices: what the dashboard banner and the desktop
// notification say about devices that went quiet or out of reach.
import { instantToWallClock, quietHoursNews, silenceHistoryStart, unreachableNews } from '../../sync';
import type { ApiError } from '../contract';
import type { ServiceContext } from './context';
import { clockZoneOf } from './devices';

/** Runs looked back over for a device's recent results: enough to find three that included it. */
const RUNS_LOOKED_AT = 20;

export function deviceSilenceNews(context: Pick<ServiceContext, 'journal' | 'settings' | 'clock'>): ApiError[] {
  const { journal, clock } = context;
  const runs = journal.listRuns(RUNS_LOOKED_AT);
  const news: ApiError[] = [];
  for (const device of journal.listDevices()) {
    if (!device.enabled) continue;
    const results = runs.flatMap((run) => run.devices.filter((result) => result.deviceId === device.id).map((result) => result.ok));
    const unreachable = unreachableNews(device.name, results);
    if (unreachable) {
      news.push(unreachable);
      continue;
    }
    const zone = clockZoneOf(device, context);
    const today = instantToWallClock(new Date(clock.now()), zone).slice(0, 10);
    const history = journal.countPunchesByHour(device.id, silenceHistoryStart(today), `${today} 23:59:60`);
    const readUpTo = device.lastReadAt === null ? null : instantToWallClock(new Date(device.lastReadAt), zone);
    const quiet = quietHoursNews({ deviceName: device.name, history, readUpTo, today });
    if (quiet) news.push(quiet);
  }
  return news;
}
