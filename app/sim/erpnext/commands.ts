import type { Command } from 'commander';

export function registerErpnextSimCommand(_sim: Command): void {}
