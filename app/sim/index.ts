export { startZkSimulator } from './zk';
export type { ZkSimulator, ZkSimulatorOptions, ZkFaults, SimulatedRecord, SimulatedUser, LivePunch } from './zk';
export { startErpnextSimulator, DEFAULT_API_KEY, DEFAULT_API_SECRET } from './erpnext';
export type { ErpnextSimulator, ErpnextSimulatorOptions } from './erpnext';
