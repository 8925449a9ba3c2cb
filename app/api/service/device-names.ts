// Device names are how people and the CLI (`punchbridge sync --device Warehouse`) pick a device,
// so two devices may not share one, whatever the letter case or spacing.
import type { Journal } from '../../journal';
import type { ApiError } from '../contract';

/** The error for `name` when another device (not `exceptId`) already has it; null when it is free. */
export function deviceNameTaken(journal: Pick<Journal, 'listDevices'>, name: string, exceptId?: string): ApiError | null {
  const wanted = normalised(name);
  const holder = journal.listDevices().find((device) => device.id !== exceptId && normalised(device.name) === wanted);
  if (!holder) return null;
  return {
    code: 'device-name-taken',
    message: `Another device is already called "${holder.name}".`,
    action: `Give this one a name of its own, such as "${holder.name} 2" or "${holder.name} back door": lists and the punchbridge command pick devices by name.`,
  };
}

function normalised(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}
