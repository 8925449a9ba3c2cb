import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createOwnerOnlyFolder, OWNER_ONLY_FILE, tightenToOwnerOnly } from '../owner-only';

export interface RotatingFileOptions {
  /** Start a new file once the current one passes this size. */
  maxBytes: number;
  /** How many old files to keep beside the current one (name.1.log is the newest). */
  keep: number;
}

/**
 * An append-only log file that rotates by size. Writes are synchronous so that the last lines
 * before a crash are on disk; log volume is a few lines per sync run, so this costs nothing.
 */
export class RotatingFile {
  private descriptor: number | null = null;
  private size = 0;

  constructor(
    readonly filePath: string,
    private readonly options: RotatingFileOptions,
  ) {}

  append(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.descriptor === null) this.open();
    else if (this.size + bytes > this.options.maxBytes) this.rotate();
    writeSync(this.descriptor!, text);
    this.size += bytes;
  }

  close(): void {
    if (this.descriptor !== null) closeSync(this.descriptor);
    this.descriptor = null;
  }

  private open(): void {
    createOwnerOnlyFolder(dirname(this.filePath));
    // Owner-only: even masked, the log names devices, employees and addresses.
    tightenToOwnerOnly([this.filePath]);
    this.descriptor = openSync(this.filePath, 'a', OWNER_ONLY_FILE);
    this.size = statSync(this.filePath).size;
  }

  private rotate(): void {
    this.close();
    rmSync(this.rotatedName(this.options.keep), { force: true });
    for (let index = this.options.keep - 1; index >= 1; index--) {
      if (existsSync(this.rotatedName(index))) renameSync(this.rotatedName(index), this.rotatedName(index + 1));
    }
    if (this.options.keep > 0) renameSync(this.filePath, this.rotatedName(1));
    else rmSync(this.filePath, { force: true });
    this.open();
  }

  private rotatedName(index: number): string {
    return this.filePath.replace(/(\.log)?$/, `.${index}$1`);
  }
}
