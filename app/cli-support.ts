// What every `punchbridge` command shares: the global options, printing for people or for
// scripts (--json), and exit codes.
import type { Command } from 'commander';
import { defaultDataDir } from './paths';
import type { ApiError } from './api/contract';

export interface CliContext {
  dataDir: string;
  json: boolean;
}

/** Exit codes: 0 all good, 1 some work failed, 2 configuration or credentials problem. */
export const EXIT_OK = 0;
export const EXIT_PARTIAL = 1;
export const EXIT_CONFIG = 2;

export function cliContext(command: Command): CliContext {
  const options = command.optsWithGlobals<{ dataDir?: string; json?: boolean }>();
  return { dataDir: options.dataDir ?? defaultDataDir(), json: Boolean(options.json) };
}

/** Print a command's report: JSON on stdout with --json, otherwise the human text. */
export function report(context: CliContext, value: unknown, human: () => string): void {
  process.stdout.write(context.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Print an expected failure and set the exit code; with --json the error goes to stdout as JSON. */
export function fail(context: CliContext, error: ApiError, exitCode = EXIT_CONFIG): void {
  if (context.json) process.stdout.write(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
  else process.stderr.write(`Error: ${error.message}\n${error.action}\n`);
  process.exitCode = exitCode;
}

/** Progress lines for people go to stderr so that stdout stays clean for --json. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`"${value}" is not a port number (1-65535)`);
  return port;
}

/** A port to listen on: 0 lets the system pick a free one (the command prints which). */
export function parseListenPort(value: string): number {
  return value.trim() === '0' ? 0 : parsePort(value);
}

export function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new Error(`"${value}" is not a whole number`);
  return count;
}
