// Which Log Type ERPNext receives for a punch. Frappe HR's "Log Type is required"
// check only fires for shifts that use strict IN/OUT alternation, so "none" is a valid choice.
import type { LogType, LogTypeRule } from '../vocabulary';

export interface LogTypeSettings {
  logTypeRule: LogTypeRule;
  /** Punch state codes read as IN under the automatic rule (device default: 0 check-in, 4 OT-in). */
  inStates: number[];
  /** ... and as OUT (1 check-out, 5 OT-out). */
  outStates: number[];
}

export function logTypeFor(punchStateCode: number, settings: LogTypeSettings): LogType | null {
  switch (settings.logTypeRule) {
    case 'in':
      return 'IN';
    case 'out':
      return 'OUT';
    case 'none':
      return null;
    case 'auto':
      if (settings.inStates.includes(punchStateCode)) return 'IN';
      if (settings.outStates.includes(punchStateCode)) return 'OUT';
      return null;
  }
}
