// The one way a CLI command opens the data folder: closed when the work is done, and a journal
// that cannot be opened or written (read-only, disk full) reported as a settings problem (exit 2)
// instead of a crash.
import type { Command } from 'commander';
import { cliContext, fail, type CliContext } from '../cli-support';
import { JournalOpenError } from '../journal';
import { storageFailure } from '../storage-failure';
import { openDataFolder, type DataFolder } from './data-folder';

/** Runs `work` on the command's data folder; undefined when the folder could not be opened (already reported). */
export async function withDataFolder<T>(context: CliContext, work: (folder: DataFolder) => T | Promise<T>): Promise<T | undefined> {
  let folder: DataFolder;
  try {
    folder = openDataFolder(context.dataDir);
  } catch (error) {
    if (!(error instanceof JournalOpenError)) throw error;
    fail(context, error.error);
    return undefined;
  }
  try {
    return await work(folder);
  } catch (error) {
    const failure = storageFailure(error, context.dataDir);
    if (!failure) throw error;
    fail(context, failure);
    return undefined;
  } finally {
    folder.close();
  }
}

/** A commander action's body with its context and open data folder. */
export function withCommandFolder(command: Command, work: (context: CliContext, folder: DataFolder) => void | Promise<void>): Promise<void> {
  const context = cliContext(command);
  return withDataFolder(context, (folder) => work(context, folder)).then(() => undefined);
}
