import { timeZoneNames } from '../../../app/api/contract';

/** Options for a time zone picker: current IANA names, underscores shown as spaces. */
export function timeZoneOptions(): { value: string; label: string }[] {
  return timeZoneNames().map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}
