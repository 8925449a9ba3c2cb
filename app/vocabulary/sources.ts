// The other ways punches come in: file import and ADMS push terminals.
import { z } from 'zod';
import { TimeZoneSchema } from './zones';

export const ColumnMappingSchema = z.object({
  userId: z.string().min(1, 'Choose the column with the user id'),
  /** The column with the date and time, or only the date when `timeOfDay` is set. */
  time: z.string().min(1, 'Choose the column with the punch time'),
  timeOfDay: z.string().optional(),
  state: z.string().optional(),
  /** How the time column writes dates; absent: told from the file, or asked when it cannot tell. */
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']).optional(),
});
export type ColumnMapping = z.input<typeof ColumnMappingSchema>;

/** Largest file the import takes; base64 makes it a third larger on the way in. */
export const IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_FILE_MAX_BASE64 = Math.ceil(IMPORT_FILE_MAX_BYTES / 3) * 4;

const ImportFileSchema = z.object({
  fileName: z.string().min(1),
  /** The file's bytes, base64; files over 20 MB are refused. */
  contentBase64: z.string().max(IMPORT_FILE_MAX_BASE64, 'The file is larger than 20 MB: split it and import the parts'),
  /** Required for CSV and XLSX; USB attlog files need none. */
  mapping: ColumnMappingSchema.optional(),
});

export const ImportPreviewSchema = ImportFileSchema;
export type ImportPreviewInput = z.input<typeof ImportPreviewSchema>;

export const ImportPunchesSchema = ImportFileSchema.extend({
  deviceId: z.string().min(1, 'Choose the device these punches came from'),
  /** Import the good rows even though some rows have problems. */
  acceptProblems: z.boolean().default(false),
});
export type ImportPunchesInput = z.input<typeof ImportPunchesSchema>;

export interface ImportProblem {
  line: number;
  reason: string;
}

export interface ImportPreview {
  kind: 'attlog' | 'csv' | 'xlsx';
  /** Column names (CSV/XLSX), for the mapping. */
  headers: string[];
  /** The first rows as text, for the preview table. */
  sampleRows: string[][];
  /** For each sample row, the device time it will be stored as; null for a row with a problem or before a mapping. */
  sampleTimes: (string | null)[];
  /**
   * How the dates are read: chosen in the mapping, or told from the file (`dateOrderDetected`);
   * null when the file cannot tell day from month, so the person must choose.
   */
  dateOrder: 'ymd' | 'dmy' | 'mdy' | null;
  dateOrderDetected: boolean;
  /** Punches the file gives with this mapping; null until a CSV/XLSX mapping is chosen. */
  punchCount: number | null;
  problems: ImportProblem[];
  problemCount: number;
  firstTime: string | null;
  lastTime: string | null;
}

export interface ImportOutcome {
  read: number;
  inserted: number;
  /** Rows that were already in the journal (from the device, ADMS or an earlier import). */
  alreadyKnown: number;
  problems: ImportProblem[];
}

/** Where terminals can reach the ADMS receiver: shown before a port is opened. */
export interface AdmsReach {
  /** true: every network interface of this computer (the LAN can reach it); false: this computer only. */
  everyInterface: boolean;
  /** This computer's addresses the port opens on, e.g. 192.168.1.20. */
  addresses: string[];
}

export interface AdmsDevice {
  serialNumber: string;
  approved: boolean;
  /** The configured device it feeds, once approved. */
  deviceId: string | null;
  remoteAddress: string | null;
  /** Where it was approved from: uploads are taken from this address only. */
  approvedAddress: string | null;
  /** An address its serial called from since approval, refused until it is approved again. */
  movedToAddress: string | null;
  movedAt: string | null;
  /** Approved with the Comm Key set on the terminal: proving it at the handshake moves it to a new address. */
  hasPushCommKey: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  punchesReceived: number;
}

export const ApproveAdmsDeviceSchema = z.object({
  serialNumber: z.string().min(1),
  name: z.string().trim().min(1, 'Give the device a name, such as "Main gate"').max(80),
  timeZone: TimeZoneSchema.nullable().default(null),
  /** The Comm Key set on the terminal's cloud server page, if any (first approval only). */
  pushCommKey: z.string().trim().max(64, 'The comm key is at most 64 characters').optional(),
});
export type ApproveAdmsDeviceInput = z.input<typeof ApproveAdmsDeviceSchema>;
