import type { Command } from 'commander';

export function registerErpnextCommands(_program: Command): void {}
