import { join } from 'node:path';
import type { LogLine } from '../vocabulary';
import { RotatingFile } from './rotating-file';
import { SecretMask } from './secret-mask';

export type LogLevel = LogLine['level'];

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export const LOG_FILE_NAME = 'punchbridge.log';

export interface LogDestinations {
  /** Folder for punchbridge.log; without one, lines stay in memory (and on stderr if echo). */
  dataDir?: string;
  /** Lowest level kept. */
  level?: LogLevel;
  /** Also write each line to stderr (the headless host, the CLI). */
  echo?: boolean;
}

/**
 * Where every logger's lines go: a ring buffer the UI reads through `readLog`, the rotating
 * punchbridge.log in the data folder, and optionally stderr. Every line is masked before any of them.
 */
export class LogBook {
  readonly secrets = new SecretMask();
  private readonly ring: LogLine[] = [];
  private file: RotatingFile | null = null;
  private level: LogLevel = 'info';
  private echo = false;

  constructor(private readonly capacity = 5000) {}

  configure(destinations: LogDestinations): void {
    this.file?.close();
    this.file = destinations.dataDir
      ? new RotatingFile(join(destinations.dataDir, LOG_FILE_NAME), { maxBytes: 5 * 1024 * 1024, keep: 3 })
      : null;
    this.level = destinations.level ?? 'info';
    this.echo = destinations.echo ?? false;
  }

  write(level: LogLevel, module: string, message: string, details: unknown[]): void {
    if (LEVEL_RANK[level] < LEVEL_RANK[this.level]) return;
    const text = [escapeControlCharacters(this.secrets.maskText(message)), ...details.map((detail) => this.secrets.describe(detail))].join(' ');
    const line: LogLine = { time: new Date().toISOString(), level, module, message: text };
    this.ring.push(line);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    const formatted = `${line.time} ${level.toUpperCase().padEnd(5)} [${module}] ${text}\n`;
    if (this.echo) process.stderr.write(formatted);
    this.appendToFile(formatted);
  }

  /** Logging never takes the app down: a full disk or a locked file costs the file, not the run. */
  private appendToFile(formatted: string): void {
    if (!this.file) return;
    try {
      this.file.append(formatted);
    } catch (error) {
      process.stderr.write(`Punchbridge stopped writing ${this.file.filePath}: ${(error as Error).message}\n`);
      this.file = null;
    }
  }

  /** The newest lines, oldest first. */
  read(lines: number): LogLine[] {
    return this.ring.slice(-lines);
  }

  close(): void {
    this.file?.close();
    this.file = null;
  }
}

/**
 * A message is one line: a line break or terminal escape in it (a serial number a stranger sent)
 * would otherwise start a forged line. Details keep theirs: a stack trace is ours.
 */
function escapeControlCharacters(message: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  return message.replace(/[\u0000-\u001f\u007f]/g, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\t';
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
