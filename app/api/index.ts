export * from './contract';
export { createPunchbridgeService, type PunchbridgeService, type ServiceOptions } from './service';
