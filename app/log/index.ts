// Per-module loggers that mask secrets, writing to punchbridge.log and to a ring buffer for readLog.
export { createLogger, configureLogging, registerSecret, readLogLines, closeLogging, type Logger } from './logger';
export { LogBook, LOG_FILE_NAME, type LogLevel, type LogDestinations } from './log-book';
export { SecretMask } from './secret-mask';
