// Times as devices and ERPNext write them: naive wall-clock strings, no zone attached.
import { z } from 'zod';

/** A naive wall-clock time as devices and ERPNext carry it: `YYYY-MM-DD HH:mm:ss`. */
export const WallClockTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'Use the form YYYY-MM-DD HH:mm:ss');
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD');
