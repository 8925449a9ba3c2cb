export { startZkSimulator } from './zk';
export type { ZkSimulator, ZkSimulatorOptions, ZkFaults, SimulatedRecord, SimulatedUser, LivePunch } from './zk';
