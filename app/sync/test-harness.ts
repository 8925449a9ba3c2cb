// For the sync tests: real simulators over loopback, a real journal file in a temporary folder,
// and settings and secrets held in plain objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceInputSchema, SyncSettingsSchema, type DeviceInput, type ErpnextSettings, type SyncSettingsInput } from '../vocabulary';
import { openJournal, type Journal, type StoredDevice } from '../journal';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET, startErpnextSimulator, type ErpnextSimulator, type ErpnextSimulatorOptions } from '../sim/erpnext';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../sim/zk';
import { systemClock, type Clock } from './clock';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync-engine';

export interface HarnessDevice {
  simulator?: ZkSimulatorOptions;
  config?: Partial<DeviceInput>;
}

export interface HarnessOptions {
  devices?: HarnessDevice[];
  erpnext?: ErpnextSimulatorOptions;
  erpnextSettings?: Partial<Omit<ErpnextSettings, 'hasApiSecret'>>;
  apiSecret?: string;
  sync?: SyncSettingsInput;
  engine?: Partial<SyncEngineOptions>;
}

export interface Harness {
  dataDir: string;
  journal: Journal;
  engine: SyncEngine;
  erpnext: ErpnextSimulator;
  devices: { simulator: ZkSimulator; stored: StoredDevice }[];
  secrets: Map<string, string>;
  settings: { erpnext: Omit<ErpnextSettings, 'hasApiSecret'> | null; sync: ReturnType<typeof SyncSettingsSchema.parse> };
  /** A new engine on the same journal, as after a restart. */
  restartEngine(): SyncEngine;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-sync-'));
  const journal = openJournal(join(dataDir, 'journal.sqlite'));
  const erpnext = await startErpnextSimulator({ exposeTestRoutes: true, ...options.erpnext });
  const devices: Harness['devices'] = [];
  for (const [index, device] of (options.devices ?? [{}]).entries()) {
    const simulator = await startZkSimulator({ serialNumber: `PBSIM${String(index + 1).padStart(4, '0')}`, ...device.simulator });
    const config = DeviceInputSchema.parse({ name: `Device ${index + 1}`, host: simulator.host, port: simulator.port, timeZone: 'UTC', ...device.config });
    devices.push({ simulator, stored: journal.addDevice(config) });
  }
  const secrets = new Map<string, string>([['erpnext.apiSecret', options.apiSecret ?? DEFAULT_API_SECRET]]);
  const settings: Harness['settings'] = {
    erpnext: {
      url: erpnext.url,
      apiKey: DEFAULT_API_KEY,
      serverTimeZone: 'UTC',
      employeeFieldname: 'attendance_device_id',
      verifyTls: true,
      caFile: null,
      latitude: null,
      longitude: null,
      ...options.erpnextSettings,
    },
    sync: SyncSettingsSchema.parse(options.sync ?? {}),
  };
  const engines: SyncEngine[] = [];
  const newEngine = () => {
    const engine = createSyncEngine({
      journal,
      settings: { getErpnext: () => settings.erpnext, getSyncSettings: () => settings.sync },
      secrets: { get: (name) => secrets.get(name) ?? null },
      ...options.engine,
    });
    engines.push(engine);
    return engine;
  };
  return {
    dataDir,
    journal,
    engine: newEngine(),
    erpnext,
    devices,
    secrets,
    settings,
    restartEngine: newEngine,
    async close() {
      for (const engine of engines) engine.close();
      journal.close();
      await Promise.all([erpnext.close(), ...devices.map((device) => device.simulator.close())]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Real time and real waits, plus a jump forward: failed punches fall due without waiting hours. */
export interface SkippingClock extends Clock {
  skip(ms: number): void;
}

export function createSkippingClock(): SkippingClock {
  let offset = 0;
  return { ...systemClock, now: () => Date.now() + offset, skip: (ms) => void (offset += ms) };
}

/** The identity of every checkin ERPNext holds, to look for duplicates. */
export function checkinKeys(erpnext: ErpnextSimulator): string[] {
  return erpnext.checkins.map((checkin) => `${String(checkin.employee)}|${String(checkin.time)}|${String(checkin.log_type)}`);
}
