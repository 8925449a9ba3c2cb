// A sync run in a process of its own, for the test that kills a process in the middle of pushing.
// Everything it needs comes from the environment the test sets.
import { SyncSettingsSchema } from '../../vocabulary';
import { openJournal } from '../../journal';
import { createSyncEngine } from '../sync-engine';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const journal = openJournal(env('PB_JOURNAL'));
const sync = SyncSettingsSchema.parse({});
const engine = createSyncEngine({
  journal,
  settings: {
    getErpnext: () => ({ url: env('PB_ERPNEXT_URL'), apiKey: env('PB_API_KEY'), serverTimeZone: 'UTC', employeeFieldname: 'attendance_device_id', verifyTls: true, caFile: null, latitude: null, longitude: null }),
    getSyncSettings: () => sync,
  },
  secrets: { get: (name) => (name === 'erpnext.apiSecret' ? env('PB_API_SECRET') : null) },
  lockFile: env('PB_LOCK_FILE'),
});
engine.onProgress((progress) => {
  if (progress.push.done > 0) process.stdout.write(`pushed ${progress.push.done}\n`);
});
const summary = await engine.runOnce('cli');
engine.close();
journal.close();
process.stdout.write(`finished ${JSON.stringify(summary.counts)}\n`);
