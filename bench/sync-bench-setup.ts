// Shared by the sync benchmarks: a sync engine over a fresh journal, one simulated device and the
// ERPNext simulator at a fixed latency; `close` removes all of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceInputSchema, SyncSettingsSchema, type SyncSettings } from '../app/api/contract';
import { openJournal, type Journal } from '../app/journal';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, type ErpnextSimulator } from '../app/sim/erpnext';
import { startZkSimulator, type ZkSimulator } from '../app/sim/zk';
import { createSyncEngine, type SyncEngine } from '../app/sync';

export interface SyncBenchOptions {
  name: string;
  records: number;
  users: number;
  employees: number;
  latencyMs: number;
  serialNumber: string;
  /** null: the engine asks ERPNext for its zone. */
  serverTimeZone: string | null;
  recordCapacity?: number;
}

export interface SyncBench {
  zk: ZkSimulator;
  erpnext: ErpnextSimulator;
  journal: Journal;
  engine: SyncEngine;
  sync: SyncSettings;
  close(): Promise<void>;
}

export async function startSyncBench(options: SyncBenchOptions): Promise<SyncBench> {
  const dataDir = mkdtempSync(join(tmpdir(), `punchbridge-${options.name}-bench-`));
  const zk = await startZkSimulator({ recordCount: options.records, userCount: options.users, serialNumber: options.serialNumber, ...(options.recordCapacity ? { recordCapacity: options.recordCapacity } : {}) });
  const erpnext = await startErpnextSimulator({ employees: options.employees, faults: { latencyMs: options.latencyMs } });
  const journal = openJournal(join(dataDir, 'journal.sqlite'));
  journal.addDevice(DeviceInputSchema.parse({ name: 'Bench device', host: zk.host, port: zk.port, timeZone: 'UTC' }));
  const sync = SyncSettingsSchema.parse({});
  const engine = createSyncEngine({
    journal,
    settings: {
      getErpnext: () => ({ url: erpnext.url, apiKey: DEFAULT_API_KEY, serverTimeZone: options.serverTimeZone, employeeFieldname: 'attendance_device_id', verifyTls: true, caFile: null, latitude: null, longitude: null }),
      getSyncSettings: () => sync,
    },
    secrets: { get: (name) => (name === 'erpnext.apiSecret' ? DEFAULT_API_SECRET : null) },
  });
  return {
    zk,
    erpnext,
    journal,
    engine,
    sync,
    async close() {
      engine.close();
      journal.close();
      await Promise.all([zk.close(), erpnext.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
