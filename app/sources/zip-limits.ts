// A spreadsheet bomb is a small XLSX that unpacks to gigabytes (one of 1.3 MB became a 450 MB
// sheet and took the service down). Before a parser sees it, every part of the ZIP is inflated
// here, off the main thread and with a cap on what it may produce: the sizes the ZIP declares are
// not trusted, the inflated bytes are counted.
import { inflateRaw } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export type ZipCheck = { ok: true } | { ok: false; damaged: boolean; reason: string };

/** Whether the ZIP unpacks to at most `limitBytes`; otherwise why not: too large, or damaged. */
export async function checkZipUnpackedSize(bytes: Buffer, limitBytes: number): Promise<ZipCheck> {
  const entries = centralDirectory(bytes);
  if (typeof entries === 'string') return { ok: false, damaged: true, reason: entries };
  let unpacked = 0;
  for (const entry of entries) {
    const remaining = limitBytes - unpacked;
    const size = await unpackedSize(bytes, entry, remaining);
    if (typeof size === 'string') return { ok: false, damaged: true, reason: size };
    unpacked += size;
    if (unpacked > limitBytes) return { ok: false, damaged: false, reason: `It unpacks to more than ${Math.round(limitBytes / (1024 * 1024))} MB.` };
  }
  return { ok: true };
}

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

function centralDirectory(bytes: Buffer): ZipEntry[] | string {
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) return 'It is not a complete XLSX (ZIP) file.';
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return 'Its list of contents is damaged.';
    const compressedSize = bytes.readUInt32LE(offset + 20);
    if (compressedSize === 0xffff_ffff) return 'It is a ZIP64 archive, which spreadsheet programs write only for files far larger than a punch sheet.';
    entries.push({ method: bytes.readUInt16LE(offset + 10), compressedSize, localHeaderOffset: bytes.readUInt32LE(offset + 42) });
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535.
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 0xffff); offset--) {
    if (bytes.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}

async function unpackedSize(bytes: Buffer, entry: ZipEntry, remaining: number): Promise<number | string> {
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || bytes.readUInt32LE(header) !== LOCAL_FILE_HEADER) return 'Its contents are damaged.';
  const start = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) return data.length;
  if (entry.method !== DEFLATED) return 'It is packed in a way spreadsheet programs do not use.';
  return new Promise((resolve) => {
    // One byte over the cap is enough to know the part is too large.
    inflateRaw(data, { maxOutputLength: Math.max(1, remaining + 1) }, (error, result) => {
      if (error) resolve((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? remaining + 1 : 'Its contents are damaged.');
      else resolve(result.length);
    });
  });
}
