import type { Command } from 'commander';

export function registerSyncCommands(_program: Command, _device: Command): void {}
