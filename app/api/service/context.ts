// What every group of service methods works with.
import type { ErpnextClient } from '../../erpnext';
import type { Journal } from '../../journal';
import type { Logger } from '../../log';
import type { SecretStore, SettingsStore } from '../../settings';
import type { RunSummary } from '../contract';
import type { Clock, Scheduler, SyncEngine } from '../../sync';
import type { Result } from '../contract';
import type { EventHub } from './event-hub';

export interface ServiceContext {
  mode: 'desktop' | 'headless' | 'demo';
  journal: Journal;
  settings: SettingsStore;
  secrets: SecretStore;
  engine: SyncEngine;
  scheduler: Scheduler<RunSummary>;
  hub: EventHub;
  clock: Clock;
  log: Logger;
  /** The ERPNext client for the saved connection, made once and remade when the settings change. */
  erpnext(): Result<ErpnextClient>;
  forgetErpnextClient(): void;
  /** Tell the UI that counts or settings changed. */
  announceStatus(): void;
}
