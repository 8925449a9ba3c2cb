// The words every layer shares: punches, devices, ERPNext, runs, zones, results. The ground floor:
// it imports nothing of the project, and everything above imports it through this file.
export * from './results';
export * from './dates';
export * from './zones';
export * from './devices';
export * from './punches';
export * from './erpnext';
export * from './mapping';
export * from './settings';
export * from './sources';
export * from './runs';
export * from './status';
export * from './device-users';
export * from './sync-activity';
export * from './punch-words';
