// Enrol once, everywhere (issue 15): ERPNext's employees onto the terminals' user lists.
export { applyDeviceUsers, previewDeviceUsers, type DeviceUserOutcome, type DeviceUserPreview, type UserSyncDevice, type UserSyncHooks, type UserSyncRequest } from './sync-device-users';
export { changeKey, isDeviceAdministrator, planDeviceUsers, type DeviceUserChange, type DeviceUserChangeKind, type SkippedEmployee } from './plan';
export type { ChangeOutcome, ChangeResult } from './apply';
