import type { Command } from 'commander';

export function registerZkSimCommand(_sim: Command): void {}
