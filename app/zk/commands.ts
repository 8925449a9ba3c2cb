import type { Command } from 'commander';

export function registerZkCommands(_program: Command, _device: Command): void {}
