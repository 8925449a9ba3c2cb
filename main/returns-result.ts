import type { PunchbridgeApi, PunchbridgeApiMethod, Result } from '../app/api/contract';

type ReturnsResult<M extends PunchbridgeApiMethod> = Awaited<ReturnType<PunchbridgeApi[M]>> extends Result<unknown> ? true : false;

/**
 * Which methods answer with a Result: a call refused at the door (bad argument, foreign sender)
 * then arrives as `{ ok: false, error }` where the screen expects one, and as a thrown error
 * elsewhere, exactly as the browser's HTTP client does. The type keeps each entry true to the contract.
 */
export const RETURNS_RESULT: { [M in PunchbridgeApiMethod]: ReturnsResult<M> } = {
  getStatus: false,
  syncNow: true,
  listDevices: false,
  addDevice: true,
  updateDevice: true,
  removeDevice: true,
  testDevice: true,
  readDeviceUsers: true,
  setDeviceTime: true,
  getErpnextSettings: false,
  saveErpnextSettings: true,
  testErpnext: true,
  listShiftTypes: true,
  listUnmatchedUsers: false,
  searchEmployees: true,
  mapUsers: true,
  unmapUser: true,
  listMappings: false,
  queryPunches: false,
  retryPunches: true,
  ignorePunches: true,
  exportPunchesCsv: true,
  getSchedule: false,
  setSchedule: true,
  setPaused: false,
  getSyncSettings: false,
  saveSyncSettings: true,
  listRuns: false,
  getRun: false,
  readLog: false,
  getPreferences: false,
  setPreferences: true,
};
