// The sync engine's commands: devices, one sync, the punch journal, mappings and run history.
import type { Command } from 'commander';
import { registerDeviceCommands } from './device-commands';
import { registerPunchCommands } from './punch-commands';
import { registerPushStopCommands } from './push-stop-commands';
import { registerRunCommands } from './run-commands';

export function registerSyncCommands(program: Command, device: Command): void {
  registerDeviceCommands(device);
  registerRunCommands(program);
  registerPunchCommands(program);
  registerPushStopCommands(program);
}
