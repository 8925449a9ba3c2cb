// The punch journal (docs/ARCHITECTURE.md, "Data flow"): every punch is written here before
// anything else happens to it, and this file is the single source of truth for what has been sent.
export { openJournal, type Journal, type JournalOptions } from './journal';
export { JournalOpenError } from './errors';
export { SCHEMA_VERSION } from './migrations';
export { CARD_NUMBER_MAX, EARLIEST_PUNCH_YEAR, PUNCH_CODE_MAX, USER_ID_MAX_LENGTH, isWholeNumberUpTo, userIdProblem } from './record-limits';
export { standInSerial, type PunchWrites } from './punch-writes';
export type { PunchQueries } from './punch-queries';
export type { RefusalGroupQueries, RefusalGroupRow } from './refusal-groups';
export type { DeviceStore } from './devices';
export type { MappingStore } from './mappings';
export type { RunStore } from './runs';
export type { PushStopStore } from './push-stop';
export type { TrapDoubtQueries } from './trap-doubt';
export type { DeviceUserChangeStore, NewDeviceUserChange } from './device-user-changes';
export type { AdmsCommand, AdmsCommandState, AdmsCommandStore, WaitingAdmsUserChange } from './adms-commands';
export type { AdmsDeviceStore, AdmsTable, StoredAdmsDevice } from './adms-devices';
export type {
  DeviceClear,
  DeviceReadInfo,
  DoubtWindow,
  InsertResult,
  MappedEmployee,
  PunchRecord,
  SentPunch,
  StoredDevice,
  StoredDeviceConfig,
} from './types';
