// The data folder holds who came to work when, employee names, device addresses and the keys to
// ERPNext: on a PC that several people log in to, only the account running Punchbridge may read it.
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPunchbridgeService } from '.';
import { closeLogging, configureLogging, createLogger, LOG_FILE_NAME } from '../../log';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, startZkSimulator } from '../../sim';
import { tempFolder } from '../../testing/temp-folders';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every folder and file below `folder` that others than its owner may read, list or enter. */
function openToOthers(folder: string): string[] {
  const open: string[] = [];
  const visit = (path: string) => {
    const stats = statSync(path);
    if ((stats.mode & 0o077) !== 0) open.push(`${path.slice(folder.length) || '/'} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(folder);
  return open;
}

describe.runIf(process.platform !== 'win32')('the data folder', () => {
  it('is created owner-only, and so is everything a sync writes into it', async () => {
    const dataDir = join(tempFolder('owner-only'), 'Punchbridge');
    const device = await startZkSimulator({ userCount: 3, recordCount: 10 });
    cleanups.push(() => device.close());
    const erpnext = await startErpnextSimulator({ employees: 3 });
    cleanups.push(() => erpnext.close());
    configureLogging({ dataDir, echo: false });
    cleanups.push(() => closeLogging());
    const service = await createPunchbridgeService({ dataDir, mode: 'headless' });
    await service.setPaused({ paused: true });
    await service.saveErpnextSettings({ url: erpnext.url, apiKey: DEFAULT_API_KEY, apiSecret: DEFAULT_API_SECRET, serverTimeZone: 'UTC' });
    await service.addDevice({ name: 'Main gate', host: '127.0.0.1', port: device.port, timeZone: 'UTC' });
    const run = await service.syncNow();
    createLogger('test').info('after the sync');
    await service.close();

    expect(run.ok && run.value.counts.synced).toBeGreaterThan(0);
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['journal.sqlite', LOG_FILE_NAME]));
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('takes group and other access away from a log an older version left readable', () => {
    const dataDir = tempFolder('owner-only-log');
    const oldLog = join(dataDir, LOG_FILE_NAME);
    writeFileSync(oldLog, 'an old line\n');
    chmodSync(oldLog, 0o644);
    configureLogging({ dataDir, echo: false });
    cleanups.push(() => closeLogging());
    createLogger('test').info('a new line');

    expect(openToOthers(dataDir).filter((entry) => entry.includes(LOG_FILE_NAME))).toEqual([]);
  });
});
