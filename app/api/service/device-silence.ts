// The silence rules applied to the configured devices: what the dashboard banner and the desktop
// notification say about devices that went quiet or out of reach.
import { instantToWallClock, quietHoursNews, silenceHistoryStart, unreachableNews } from '../../sync';
import type { ApiError } from '../contract';
import type { ServiceContext } from './context';
import { clockZoneOf } from './devices';

/** Runs looked back over for a device's recent results: enough to find three that included it. */
const RUNS_LOOKED_AT = 20;

type PunchHours = ReturnType<ServiceContext['journal']['countPunchesByHour']>;

// The status is read after every event, and four weeks of a busy terminal's punches take a
// grouping query of some 100 ms: the counts are kept until a punch arrives or the day turns.
const historyCache = new WeakMap<object, Map<string, { key: string; history: PunchHours }>>();

function punchHistory(journal: ServiceContext['journal'], deviceId: string, today: string): PunchHours {
  const punchesKept = Object.values(journal.countByState()).reduce((sum, count) => sum + count, 0);
  const key = `${today}|${punchesKept}`;
  let cached = historyCache.get(journal);
  if (!cached) historyCache.set(journal, (cached = new Map()));
  const hit = cached.get(deviceId);
  if (hit?.key === key) return hit.history;
  const history = journal.countPunchesByHour(deviceId, silenceHistoryStart(today), `${today} 23:59:60`);
  cached.set(deviceId, { key, history });
  return history;
}

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
    const history = punchHistory(journal, device.id, today);
    const readUpTo = device.lastReadAt === null ? null : instantToWallClock(new Date(device.lastReadAt), zone);
    const quiet = quietHoursNews({ deviceName: device.name, history, readUpTo, today });
    if (quiet) news.push(quiet);
  }
  return news;
}
