import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder as namedTempFolder } from '../testing/temp-folders';
import { LogBook, LOG_FILE_NAME } from './log-book';
import { createLogger } from './logger';
import { RotatingFile } from './rotating-file';

const tempFolder = () => namedTempFolder('log');

describe('LogBook', () => {
  it('keeps lines per module in the ring buffer and in punchbridge.log, masked', () => {
    const dataDir = tempFolder();
    const book = new LogBook();
    book.configure({ dataDir });
    book.secrets.register('very-secret-key');
    const log = createLogger('erpnext', book);
    log.info('pushed 3 punches with very-secret-key', { apiSecret: 'other-secret' });
    log.error('push failed', new Error('HTTP 500'));
    book.close();

    const lines = book.read(10);
    expect(lines.map((line) => [line.level, line.module])).toEqual([['info', 'erpnext'], ['error', 'erpnext']]);
    expect(lines[0]!.message).toBe('pushed 3 punches with *** {"apiSecret":"***"}');
    const file = readFileSync(join(dataDir, LOG_FILE_NAME), 'utf8');
    expect(file).toContain('INFO  [erpnext] pushed 3 punches with ***');
    expect(file).toContain('Error: HTTP 500');
    expect(file).not.toContain('very-secret-key');
    expect(file).not.toContain('other-secret');
  });

  it('writes a message with a line break in it as one line, so no caller can forge a log line', () => {
    const dataDir = tempFolder();
    const book = new LogBook();
    book.configure({ dataDir });
    createLogger('adms', book).warn('ADMS device X\n2026-12-01T00:00:00.000Z INFO  [sync] all synced\r\u001b[2K is not approved yet');
    book.close();
    const file = readFileSync(join(dataDir, LOG_FILE_NAME), 'utf8');
    expect(file.split('\n').filter(Boolean)).toHaveLength(1);
    expect(file).toContain('ADMS device X\\n2026-12-01T00:00:00.000Z INFO  [sync] all synced\\r\\u001b[2K is not approved yet');
  });

  it('drops lines below the chosen level and keeps only the newest lines', () => {
    const book = new LogBook(3);
    book.configure({ level: 'info' });
    const log = createLogger('sync', book);
    log.debug('hidden');
    for (let index = 1; index <= 5; index++) log.info(`line ${index}`);
    expect(book.read(10).map((line) => line.message)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(book.read(1).map((line) => line.message)).toEqual(['line 5']);
  });
});

describe('RotatingFile', () => {
  it('starts a new file past the size limit and keeps the configured number of old ones', () => {
    const folder = tempFolder();
    const file = new RotatingFile(join(folder, 'punchbridge.log'), { maxBytes: 100, keep: 2 });
    for (let index = 0; index < 10; index++) file.append(`${String(index).repeat(40)}\n`);
    file.close();
    expect(readdirSync(folder).sort()).toEqual(['punchbridge.1.log', 'punchbridge.2.log', 'punchbridge.log']);
    expect(readFileSync(join(folder, 'punchbridge.log'), 'utf8')).toContain('9'.repeat(40));
    expect(readFileSync(join(folder, 'punchbridge.1.log'), 'utf8')).toContain('7'.repeat(40));
  });
});

describe('LogBook when the file cannot be written', () => {
  it('keeps logging to the ring buffer', () => {
    const folder = tempFolder();
    const book = new LogBook();
    // A data "folder" that is a file: the log file cannot be created inside it.
    const blocked = join(folder, 'not-a-folder');
    writeFileSync(blocked, '');
    book.configure({ dataDir: blocked });
    const log = createLogger('sync', book);
    expect(() => log.warn('still here')).not.toThrow();
    log.info('and here');
    expect(book.read(5).map((line) => line.message)).toEqual(['still here', 'and here']);
  });
});
