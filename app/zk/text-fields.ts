// Fixed-width text fields in records: NUL-padded, the text ends at the first NUL.

/** Damaged flash reads back as control bytes; the journal refuses such a user id (journal/record-limits.ts). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function untilNul(bytes: Uint8Array, start: number, width: number): number {
  const limit = Math.min(start + width, bytes.length);
  for (let end = start; end < limit; end++) if (bytes[end] === 0) return end;
  return limit;
}

/** A PIN, card or password field: device firmware writes these as ASCII digits and letters. */
export function readAsciiField(bytes: Buffer, start: number, width: number): string {
  return bytes.toString('latin1', start, untilNul(bytes, start, width)).trim();
}

/**
 * Decodes names in the device's encoding (pyzk lets the caller choose; the vendor SDK uses the
 * Windows ANSI code page). Throws RangeError for an encoding label TextDecoder does not know.
 */
export function createNameDecoder(encoding = 'utf-8'): (bytes: Buffer, start: number, width: number) => string {
  const decoder = new TextDecoder(encoding, { fatal: false });
  return (bytes, start, width) => decoder.decode(bytes.subarray(start, untilNul(bytes, start, width))).trim();
}
