// Wording for times, sizes and durations the way HR staff read them.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Device and server times are naive wall-clock values (`2026-11-25 09:15:02`) and stay as they are;
 * moments the app records itself (run start, received at) are ISO instants (`...T09:15:02.000Z`)
 * and are shown in this computer's time zone.
 */
function asLocalWallClock(value: string): string {
  if (!/T.*(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "2026-11-25 09:15:02" -> "25 Nov 2026, 09:15". */
export function formatWallClock(value: string | null | undefined, { seconds = false } = {}): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(asLocalWallClock(value));
  if (!match) return value;
  const [, year, month, day, hour, minute, second] = match;
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}, ${hour}:${minute}${seconds ? `:${second}` : ''}`;
}

/** "2026-11-25 09:15:02" -> "25 Nov 2026". */
export function formatDay(value: string | null | undefined): string {
  return formatWallClock(value).split(',')[0]!;
}

export function formatDuration(milliseconds: number): string {
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/** Between two wall-clock values of the same zone. */
export function durationBetween(start: string, end: string): string {
  const parse = (value: string) => Date.parse(`${asLocalWallClock(value).replace(' ', 'T')}Z`);
  return formatDuration(Math.max(0, parse(end) - parse(start)));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "the device clock is 6 min 52 s ahead" */
export function describeSkew(seconds: number): string {
  const size = formatDuration(Math.abs(seconds) * 1000);
  return seconds >= 0 ? `${size} ahead` : `${size} behind`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
