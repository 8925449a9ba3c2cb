// Typed settings over any key-value backing: conf in headless mode, electron-store in the desktop
// app (the same file format). Values are checked with the contract's schemas when read, so a
// hand-edited mistake falls back to defaults and is reported, instead of crashing the app.
import { z } from 'zod';
import {
  ErpnextSettingsInputSchema,
  PreferencesSchema,
  ScheduleSchema,
  SyncSettingsSchema,
  type ApiError,
  type ErpnextSettingsInput,
  type Preferences,
  type PreferencesInput,
  type ScheduleInput,
  type SyncSettings,
  type SyncSettingsInput,
} from '../vocabulary';

/** The ERPNext connection without its secret, which lives in the SecretStore. */
export const ErpnextConnectionSchema = ErpnextSettingsInputSchema.omit({ apiSecret: true });
export type ErpnextConnection = z.output<typeof ErpnextConnectionSchema>;
export type ErpnextConnectionInput = Omit<ErpnextSettingsInput, 'apiSecret'>;

export const StoredScheduleSchema = ScheduleSchema.extend({
  intervalMinutes: ScheduleSchema.shape.intervalMinutes.default(15),
  paused: z.boolean().default(false),
});
export type StoredSchedule = z.output<typeof StoredScheduleSchema>;

export interface SettingsStore {
  /** Null until the ERPNext connection has been set up (or when the stored one is unusable). */
  getErpnext(): ErpnextConnection | null;
  /** An apiSecret in the input is dropped: secrets go to the SecretStore. */
  setErpnext(connection: ErpnextConnectionInput): ErpnextConnection;
  getSchedule(): StoredSchedule;
  /** Keeps the paused flag. */
  setSchedule(schedule: ScheduleInput): StoredSchedule;
  setPaused(paused: boolean): StoredSchedule;
  getSyncSettings(): SyncSettings;
  setSyncSettings(settings: SyncSettingsInput): SyncSettings;
  getPreferences(): Preferences;
  setPreferences(preferences: PreferencesInput): Preferences;
  /** Stored values that could not be used (their defaults stand in), worded for a person. */
  problems(): ApiError[];
}

/** What electron-store and conf both offer. */
export interface SettingsBacking {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface SettingsSource {
  /** Where the settings live, for messages ("/home/hr/.config/Punchbridge/config.json"). */
  location: string;
  /** A problem found while opening the file, e.g. it was not JSON and was set aside. */
  openProblem?: ApiError | null;
}

const SECTIONS = {
  erpnext: { schema: ErpnextConnectionSchema, label: 'ERPNext connection' },
  schedule: { schema: StoredScheduleSchema, label: 'schedule' },
  sync: { schema: SyncSettingsSchema, label: 'sync' },
  preferences: { schema: PreferencesSchema, label: 'preferences' },
} as const;
type Section = keyof typeof SECTIONS;

export function settingsStoreFrom(backing: SettingsBacking, source: SettingsSource = { location: 'the settings file' }): SettingsStore {
  function read<S extends Section>(section: S): z.output<(typeof SECTIONS)[S]['schema']> | null {
    const stored = backing.get(section);
    if (stored === undefined) return null;
    const parsed = SECTIONS[section].schema.safeParse(stored);
    return parsed.success ? (parsed.data as z.output<(typeof SECTIONS)[S]['schema']>) : null;
  }

  function write<S extends Section>(section: S, value: unknown): z.output<(typeof SECTIONS)[S]['schema']> {
    // Callers validated at the API door; a value the schema refuses here is a bug.
    const parsed = SECTIONS[section].schema.parse(value) as z.output<(typeof SECTIONS)[S]['schema']>;
    backing.set(section, parsed);
    return parsed;
  }

  const orDefault = <S extends Exclude<Section, 'erpnext'>>(section: S) =>
    read(section) ?? (SECTIONS[section].schema.parse({}) as z.output<(typeof SECTIONS)[S]['schema']>);

  return {
    getErpnext: () => read('erpnext'),
    setErpnext(connection) {
      const { apiSecret: _secret, ...rest } = connection as ErpnextSettingsInput;
      return write('erpnext', rest);
    },
    getSchedule: () => orDefault('schedule'),
    setSchedule: (schedule) => write('schedule', { ...schedule, paused: orDefault('schedule').paused }),
    setPaused: (paused) => write('schedule', { ...orDefault('schedule'), paused }),
    getSyncSettings: () => orDefault('sync'),
    setSyncSettings: (settings) => write('sync', settings),
    getPreferences: () => orDefault('preferences'),
    setPreferences: (preferences) => write('preferences', preferences),
    problems() {
      const problems = source.openProblem ? [source.openProblem] : [];
      for (const section of Object.keys(SECTIONS) as Section[]) {
        const stored = backing.get(section);
        if (stored === undefined) continue;
        const parsed = SECTIONS[section].schema.safeParse(stored);
        if (!parsed.success) problems.push(invalidSection(section, parsed.error, source.location));
      }
      return problems;
    },
  };
}

function invalidSection(section: Section, error: z.ZodError, location: string): ApiError {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  const fallback = section === 'erpnext' ? 'ERPNext is treated as not set up' : 'the defaults are used';
  return {
    code: 'settings-invalid',
    message: `The ${SECTIONS[section].label} settings in ${location} could not be used (${where}${issue?.message ?? 'not understood'}), so ${fallback}.`,
    action: `Save the ${SECTIONS[section].label} settings again in Punchbridge, or correct "${section}" in that file.`,
  };
}
