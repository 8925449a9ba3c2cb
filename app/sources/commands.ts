import type { Command } from 'commander';

export function registerSourceCommands(_program: Command): void {}
