import type { ApiError } from '../vocabulary';

/** The journal file could not be opened; `error` says why and what to do, for a person. */
export class JournalOpenError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'JournalOpenError';
  }

  static tooNew(filePath: string, fileVersion: number, knownVersion: number): JournalOpenError {
    return new JournalOpenError({
      code: 'journal-too-new',
      message: `The journal ${filePath} was written by a newer Punchbridge (schema ${fileVersion}; this version knows up to ${knownVersion}).`,
      action: 'Install the newer Punchbridge again, or point this one at another data folder.',
    });
  }

  static unreadable(filePath: string, cause: unknown): JournalOpenError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new JournalOpenError({
      code: 'journal-unreadable',
      message: `The journal ${filePath} could not be opened: ${reason}.`,
      action: 'Check that the data folder exists and is writable, and that no other program holds the file.',
    });
  }
}
