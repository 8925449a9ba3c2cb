// A start that fails says so on screen: a desktop app has no console anyone reads, and without a
// dialog the app simply never appears.
import { asApiError, type ApiError } from '../app/api/contract';
import { JournalOpenError } from '../app/journal';

const FILE_PROBLEMS: Record<string, string> = {
  EACCES: 'Punchbridge may not write there.',
  EPERM: 'Punchbridge may not write there.',
  EROFS: 'That disk is read-only.',
  ENOSPC: 'The disk is full.',
};

export function startupFailure(error: unknown, dataDir: string): ApiError {
  // A journal it cannot open or write (read-only, disk full, too new) says what to do about it.
  if (error instanceof JournalOpenError) return error.error;
  const known = asApiError(error);
  if (known) return known;
  const code = (error as { code?: unknown } | null)?.code;
  const path = (error as { path?: unknown } | null)?.path;
  if (typeof code === 'string' && code in FILE_PROBLEMS) {
    const where = typeof path === 'string' ? path : dataDir;
    return {
      code: 'startup-file-access',
      message: `Punchbridge could not start: it could not write ${where}. ${FILE_PROBLEMS[code]}`,
      action: `Make sure your user account can write ${where} and the disk has room, then start Punchbridge again.`,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'startup-failed',
    message: `Punchbridge could not start: ${detail}`,
    action: `Start it again. If this keeps happening, send the log in ${dataDir} (punchbridge.log) to whoever supports you.`,
  };
}

/** dialog.showErrorBox's two lines: a title and the message with what to do. */
export function startupFailureDialog(failure: ApiError): { title: string; content: string } {
  return { title: 'Punchbridge could not start', content: `${failure.message}\n\n${failure.action}` };
}
