// Which record layout an attendance buffer holds, found from its bytes (docs/zk-protocol.md §1.10):
// a size is taken only when the buffer decodes into plausible records at that size. The count a
// device reports is not trusted to choose (some firmwares report half their log, or one off); it
// only settles a tie between layouts that both decode, and a tie it cannot settle is reported, not
// guessed.
import { ZkError } from './errors';

export const ATTENDANCE_RECORD_SIZES = [8, 16, 40, 49] as const;

/** MB560-VL firmware may put "\xff255" and five NULs before the records (docs/zk-protocol.md §1.10). */
const MB560_PREFIX = Buffer.from('ff3235350000000000', 'hex');

export interface ChosenLayout<Decoded> {
  recordSize: number;
  decoded: Decoded;
  /** Bytes left over after the last whole record (0 when the buffer decoded whole). */
  strayBytes: number;
}

interface Candidate<Decoded> extends ChosenLayout<Decoded> {
  recordCount: number;
  prefixed: boolean;
}

/**
 * `decode` returns null when the records at that size are not all plausible. Throws ZkError when
 * no layout decodes, or when several do and the reported count does not single one out.
 */
export function chooseLayout<Decoded>(
  body: Buffer,
  reportedCount: number,
  decode: (records: Buffer, recordSize: number) => Decoded | null,
): ChosenLayout<Decoded> {
  const starts = body.length > MB560_PREFIX.length && body.subarray(0, MB560_PREFIX.length).equals(MB560_PREFIX) ? [0, MB560_PREFIX.length] : [0];
  const whole = candidates(body, starts, decode, (length, size) => length % size === 0);
  if (whole.length > 0) return pickOne(whole, reportedCount, body.length);
  // Nothing decodes the whole buffer: keep the records that do decode, and say that bytes are left.
  const partial = candidates(body, starts, decode, (length, size) => length >= size);
  if (partial.length > 0) return pickOne(partial, reportedCount, body.length);
  throw new ZkError(
    'protocol-error',
    `The device sent an attendance log of ${body.length.toLocaleString('en-US')} bytes that does not decode as records of any known layout (8, 16, 40 or 49 bytes); nothing was taken from it and the device was not cleared.`,
    'Try again; if it keeps happening, save a trace for support from the device page and report it with the device model and firmware.',
  );
}

function candidates<Decoded>(
  body: Buffer,
  starts: readonly number[],
  decode: (records: Buffer, recordSize: number) => Decoded | null,
  fits: (length: number, size: number) => boolean,
): Candidate<Decoded>[] {
  const found: Candidate<Decoded>[] = [];
  for (const start of starts) {
    const length = body.length - start;
    for (const size of ATTENDANCE_RECORD_SIZES) {
      if (!fits(length, size)) continue;
      const recordCount = Math.floor(length / size);
      const decoded = decode(body.subarray(start, start + recordCount * size), size);
      if (decoded !== null) found.push({ recordSize: size, decoded, strayBytes: length % size, recordCount, prefixed: start > 0 });
    }
  }
  return found;
}

function pickOne<Decoded>(found: Candidate<Decoded>[], reportedCount: number, bodyLength: number): ChosenLayout<Decoded> {
  if (found.length === 1) return found[0]!;
  const counted = found.filter((candidate) => candidate.recordCount === reportedCount);
  if (counted.length === 1) return counted[0]!;
  const readings = found.map((candidate) => `${candidate.recordCount} records of ${candidate.recordSize} bytes${candidate.prefixed ? ' after the MB560 prefix' : ''}`);
  throw new ZkError(
    'protocol-error',
    `The device's attendance log (${bodyLength.toLocaleString('en-US')} bytes, ${reportedCount} records by its count) reads equally well as ${readings.join(' or as ')}; Punchbridge does not guess, so nothing was taken from it and the device was not cleared.`,
    'Note the device model and firmware and report it; until then, export the log to a USB stick (Data Mgt. > Download > Attendance) and import the file.',
  );
}
