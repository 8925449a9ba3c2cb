// The dashboard chart's counts (today by hour, the last seven days by day) on a journal of
// 1,000,000 punches from four devices in two time zones; then with a busy week of 200,000 more.
// The dashboard asks for them when it opens and after every sync and live punch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceInputSchema } from '../app/api/contract';
import { punchActivity } from '../app/api/service/punch-activity';
import { openJournal, type Journal, type PunchRecord } from '../app/journal';
import { openSettings } from '../app/settings';
import { createFakeClock } from '../app/sync';
import { measure, printTable } from './support';

const PUNCHES = 1_000_000;
const BUSY_WEEK = 200_000;
const NOW = Date.UTC(2026, 10, 25, 15, 0, 0);
const DEVICES = [
  { name: 'Main gate', serial: 'CQZ7200001', timeZone: 'Asia/Kolkata' },
  { name: 'Back door', serial: 'CQZ7200002', timeZone: 'Asia/Kolkata' },
  { name: 'Warehouse', serial: 'CQZ7200003', timeZone: 'Asia/Dubai' },
  { name: 'Canteen', serial: 'CQZ7200004', timeZone: 'Asia/Dubai' },
];
const RUNS = 25;

/** `count` punches spread evenly over the `spanMs` before NOW, dealt round the devices. */
function insertSpread(journal: Journal, ids: string[], count: number, spanMs: number, userBase: number): void {
  const step = spanMs / count;
  const batches = DEVICES.map((): PunchRecord[] => []);
  for (let i = 0; i < count; i++) {
    const time = new Date(NOW - spanMs + i * step).toISOString().slice(0, 19).replace('T', ' ');
    batches[i % DEVICES.length]!.push({ userId: String(userBase + (i % 2000)), deviceTime: time, punchStateCode: i % 2, verifyType: 1 });
  }
  journal.transaction(() => DEVICES.forEach((device, index) => journal.insertPunches(device.serial, ids[index]!, 'zk', batches[index]!)));
}

export async function run(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'punchbridge-bench-'));
  try {
    const journal = openJournal(join(folder, 'journal.sqlite'));
    const ids = DEVICES.map((device) => journal.addDevice(DeviceInputSchema.parse({ name: device.name, host: '192.168.1.201', timeZone: device.timeZone })).id);
    const context = { journal, settings: openSettings(folder), clock: createFakeClock(NOW) };
    // One punch every 30 s: eleven and a half months up to now.
    insertSpread(journal, ids, PUNCHES, PUNCHES * 30_000, 1000);
    const rows: Record<string, string | number>[] = [];
    const measureOnce = async (journalSize: string) => {
      const result = await measure(RUNS, async () => punchActivity(context));
      const week = result.last.weekByDay.reduce((sum, day) => sum + day.count, 0);
      rows.push({ journal: journalSize, 'punches in the week': week, 'median ms': result.medianMs, 'slowest ms': Math.max(...result.samplesMs) });
    };
    await measureOnce('1,000,000 over 11 months');
    insertSpread(journal, ids, BUSY_WEEK, 7 * 86_400_000, 5000);
    await measureOnce('+ 200,000 in the last week');
    printTable('Dashboard chart counts: today by hour and 7 days by day, 4 devices', rows);
    journal.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
