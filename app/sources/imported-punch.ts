/** A punch read from a file or an ADMS upload, before it enters the journal. */
export interface ImportedPunch {
  /** 1-based line (or spreadsheet row) it came from, for error reports. */
  line: number;
  userId: string;
  /** Naive wall-clock time on the device: `YYYY-MM-DD HH:mm:ss`. */
  deviceTime: string;
  /** IN/OUT state code, as on the network path (0 in, 1 out, 4 overtime in, 5 overtime out...). */
  state: number;
  verify: number;
}

export interface RowProblem {
  line: number;
  reason: string;
}

export interface ParsedPunches {
  punches: ImportedPunch[];
  problems: RowProblem[];
}
