// The schedule, the sync settings and the preferences a person sets.
import { z } from 'zod';
import { DateSchema } from './dates';
import { PortSchema } from './devices';

export const ScheduleSchema = z.object({
  intervalMinutes: z.number().int().min(1, 'Sync at most once a minute').max(1440, 'Sync at least once a day'),
  runAtStart: z.boolean().default(true),
});
export type ScheduleInput = z.input<typeof ScheduleSchema>;

export interface Schedule extends z.output<typeof ScheduleSchema> {
  paused: boolean;
  nextRunAt: string | null;
}


export const SyncSettingsSchema = z.object({
  /** Punches before this date are ignored. */
  importStartDate: DateSchema.nullable().default(null),
  pushConcurrency: z.number().int().min(1).max(32).default(4),
  shiftTypes: z.array(z.object({ name: z.string().min(1), deviceIds: z.array(z.string()) })).default([]),
  /** Clock skew above this many seconds is a warning. */
  clockSkewWarningSeconds: z.number().int().min(10).default(120),
  /** Port of the ADMS push receiver for terminals that upload by themselves; null = off. */
  admsPort: PortSchema.refine(
    (port) => port >= 1024,
    'Ports below 1024 belong to system services (80 is the web) and need administrator rights: use one from 1024 up, such as 8081',
  )
    .nullable()
    .default(null),
});
export type SyncSettingsInput = z.input<typeof SyncSettingsSchema>;
export type SyncSettings = z.output<typeof SyncSettingsSchema>;

export const PreferencesSchema = z.object({
  startAtLogin: z.boolean().default(false),
  startMinimised: z.boolean().default(false),
  closeToTray: z.boolean().default(true),
});
export type PreferencesInput = z.input<typeof PreferencesSchema>;
export type Preferences = z.output<typeof PreferencesSchema>;
