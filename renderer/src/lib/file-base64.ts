/** The largest file the service accepts for import (ImportFileSchema). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

// btoa takes a "binary string"; building it in slices keeps String.fromCharCode's argument list
// short enough for the JavaScript engine with files of many megabytes.
const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE) {
    parts.push(String.fromCharCode(...bytes.subarray(start, start + SLICE)));
  }
  return btoa(parts.join(''));
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
