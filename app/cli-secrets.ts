// Secrets a command needs (the sign-in password of `serve`, the ERPNext API secret): from a file,
// the environment or a prompt. On the command line they show in every user's process list (ps), so
// the flag still works but warns.
import { readFileSync } from 'node:fs';
import type { ApiError, Result } from './vocabulary';

export interface CliSecretSource {
  /** What it is, for messages: "the sign-in password". */
  label: string;
  /** The flag with the value itself (--password), and its value if given. */
  flag: { name: string; value: string | undefined };
  /** The flag naming a file that holds it (--password-file), and its value if given. */
  fileFlag: { name: string; value: string | undefined };
  /** The environment variable that may hold it. */
  envName: string;
}

export interface CliSecretIo {
  env: NodeJS.ProcessEnv;
  warn(line: string): void;
  /** Ask for it without echo; null when there is no terminal to ask at. */
  prompt(question: string): Promise<string | null>;
}

/** The secret from the first source given (file, environment, flag), else asked for when `ask`; undefined when none (or no terminal to ask at). */
export async function readCliSecret(source: CliSecretSource, io: CliSecretIo, ask: boolean): Promise<Result<string | undefined>> {
  if (source.fileFlag.value !== undefined) return readSecretFile(source, source.fileFlag.value);
  const fromEnv = io.env[source.envName];
  if (fromEnv) return { ok: true, value: fromEnv };
  if (source.flag.value !== undefined) {
    io.warn(
      `Warning: ${source.flag.name} on the command line can be read by every user of this computer in the process list. ` +
        `Use ${source.fileFlag.name} FILE, the ${source.envName} environment variable, or leave it out to be asked.`,
    );
    return { ok: true, value: source.flag.value };
  }
  if (!ask) return { ok: true, value: undefined };
  const typed = await io.prompt(`${capitalised(source.label)}: `);
  if (typed === null) return { ok: true, value: undefined };
  if (typed === '') return { ok: false, error: { ...secretNeeded(source), message: `No ${source.label} was typed.` } };
  return { ok: true, value: typed };
}

function readSecretFile(source: CliSecretSource, path: string): Result<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'secret-file-unreadable',
        message: `The file ${path} given with ${source.fileFlag.name} could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
        action: `Check the path, and that this account may read the file.`,
      },
    };
  }
  // Editors and `echo` end the file with a line break that is no part of the secret.
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') return { ok: false, error: { code: 'secret-file-empty', message: `The file ${path} is empty.`, action: `Put ${source.label} in it, on one line.` } };
  return { ok: true, value: secret };
}

export function secretNeeded(source: CliSecretSource): ApiError {
  return {
    code: 'secret-needed',
    message: `${capitalised(source.label)} is needed and there is no terminal to ask for it.`,
    action: `Give it with ${source.fileFlag.name} FILE (a file only you can read) or the ${source.envName} environment variable.`,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The terminal of this process: a hidden prompt on stderr when stdin is a terminal. */
export const processSecretIo: CliSecretIo = {
  env: process.env,
  warn: (line) => void process.stderr.write(`${line}\n`),
  prompt: promptHidden,
};

/** Reads one line from the terminal with echo off; Ctrl+C ends the command. */
function promptHidden(question: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(null);
  process.stderr.write(question);
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n') return finish(typed);
        if (character === '\u0003') {
          finish(null);
          process.exit(130);
        }
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
