// Enrol once, everywhere: ERPNext's employees onto the terminals' user lists.
export { applyDeviceUsers, previewDeviceUsers, type UserSyncDevice, type UserSyncHooks, type UserSyncRequest } from './sync-device-users';
export { changeKey, isDeviceAdministrator, planDeviceUsers } from './plan';
export { applyUserSync, previewUserSync, readAllEmployees, type UserSyncSources } from './user-sync-session';
