import type { Command } from 'commander';

// Filled in by the desktop shell and API issue: `punchbridge serve`.
export function registerHostCommands(_program: Command): void {}
