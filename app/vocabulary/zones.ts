// Time zones by the names ERPNext and people use, which are not always the names Intl lists.
import { z } from 'zod';

export const TimeZoneSchema = z.string().refine(isKnownTimeZone, {
  message: 'Choose a time zone from the list, such as Asia/Kolkata or Europe/Berlin',
});

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// IANA renamed some zones years ago, but ICU, and so Intl in Node and in Chromium, still lists them
// under their old names: Intl.supportedValuesOf('timeZone') has Asia/Calcutta and no Asia/Kolkata,
// and it leaves out UTC, the zone of many servers.
// ERPNext and the people using Punchbridge know the current names, so every list and default shown
// uses those. Both names keep working in conversions; only what is shown and stored changes.

/** Old name as ICU lists it -> current IANA name (tzdata's "backward" file). */
const CURRENT_NAME_OF: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
  GMT: 'UTC',
};

export function currentZoneName(zone: string): string {
  return CURRENT_NAME_OF[zone] ?? zone;
}

/** Every zone this runtime knows, by its current name, sorted. */
export function timeZoneNames(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return [...new Set(['UTC', ...known.map(currentZoneName)])].sort();
}

/** This computer's zone, by its current name. */
export function localTimeZone(): string {
  return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
}
