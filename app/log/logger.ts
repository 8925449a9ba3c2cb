import { LogBook, type LogDestinations } from './log-book';

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** The process-wide log book: one data folder, one ring buffer, one set of secrets. */
const processLogBook = new LogBook();

/** A logger whose lines carry the module's name, e.g. `createLogger('zk')`. */
export function createLogger(module: string, book: LogBook = processLogBook): Logger {
  return {
    debug: (message, ...details) => book.write('debug', module, message, details),
    info: (message, ...details) => book.write('info', module, message, details),
    warn: (message, ...details) => book.write('warn', module, message, details),
    error: (message, ...details) => book.write('error', module, message, details),
  };
}

/** Point the process's logs at the data folder (punchbridge.log) and choose the level. */
export function configureLogging(destinations: LogDestinations): void {
  processLogBook.configure(destinations);
}

/** Never log this value: call it as soon as a secret is read or entered (API secret, comm key, host token). */
export function registerSecret(secret: string | null | undefined): void {
  processLogBook.secrets.register(secret);
}

/** The newest log lines for `readLog`, oldest first. */
export function readLogLines(lines: number): ReturnType<LogBook['read']> {
  return processLogBook.read(lines);
}

export function closeLogging(): void {
  processLogBook.close();
}
