// The CA file is a path a person typed. Opening a FIFO for reading waits for a writer (and froze
// the whole process, also at the next start); /dev/zero never ends. Only a regular file of the size
// a CA bundle can have is read, and it is opened without blocking so that the check itself cannot hang.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { ApiError, Result } from '../vocabulary';

/** The whole Mozilla bundle is about 220 kB; one company CA is a few kB. */
export const CA_FILE_MAX_BYTES = 1024 * 1024;

export function readCaFile(path: string | null): Result<Buffer | null> {
  if (!path) return { ok: true, value: null };
  let descriptor: number;
  try {
    // O_NONBLOCK makes open() return at once even for a FIFO with no writer; Windows has neither.
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    return { ok: false, error: caFileError(path, `it could not be opened: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`) };
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { ok: false, error: caFileError(path, 'it is not a regular file') };
    if (stats.size > CA_FILE_MAX_BYTES) return { ok: false, error: caFileError(path, `it is larger than ${CA_FILE_MAX_BYTES / 1024} kB, far more than a CA certificate`) };
    const content = Buffer.alloc(stats.size);
    let read = 0;
    while (read < content.length) {
      const count = readSync(descriptor, content, read, content.length - read, read);
      if (count === 0) break;
      read += count;
    }
    return { ok: true, value: content.subarray(0, read) };
  } catch (error) {
    return { ok: false, error: caFileError(path, `it could not be read: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`) };
  } finally {
    closeSync(descriptor);
  }
}

function caFileError(path: string, reason: string): ApiError {
  return {
    code: 'erpnext-ca-file',
    message: `The CA file ${path} was not used: ${reason}.`,
    action: 'Choose the PEM file of the certificate authority that signed your ERPNext site\'s certificate.',
  };
}
