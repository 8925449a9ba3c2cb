// Attendance data and settings are for the account that runs Punchbridge only, like secrets.json
// (docs/ARCHITECTURE.md, "Secrets"): the journal with its -wal and -shm, and config.json.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE_NAME } from '../../sync';
import { SETTINGS_FILE_NAME } from '../../settings';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

let service: PunchbridgeService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const othersMayAccess = (path: string) => (statSync(path).mode & 0o077) !== 0;

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('keeps the journal, its -wal and -shm, and config.json readable by their owner only', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = tempFolder('permissions');
      service = await createPunchbridgeService({ dataDir, mode: 'headless' });
      await service.setSchedule({ intervalMinutes: 30, runAtStart: false });
      await service.addDevice({ name: 'Main gate', host: '192.168.1.201' });
      const files = [JOURNAL_FILE_NAME, `${JOURNAL_FILE_NAME}-wal`, `${JOURNAL_FILE_NAME}-shm`, SETTINGS_FILE_NAME].map((name) => join(dataDir, name));
      expect(files.filter(othersMayAccess)).toEqual([]);
    } finally {
      process.umask(previous);
    }
  });
});
