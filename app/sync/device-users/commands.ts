// `punchbridge users sync`: ERPNext's employees onto the terminals, always shown before done; with
// --dry-run only shown.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { DeviceUserChange, DeviceUserOutcome, DeviceUserPreview } from '../../vocabulary';
import { EXIT_PARTIAL, fail, progress, report, type CliContext } from '../../cli-support';
import { createErpnextClient } from '../../erpnext';
import { ERPNEXT_API_SECRET } from '../../settings';
import { connectZk } from '../../zk';
import { RUN_LOCK_FILE_NAME, type DataFolder } from '../data-folder';
import { withCommandFolder } from '../with-data-folder';
import { registerCopyTemplatesCommand } from './copy-command';
import { applyUserSync, previewUserSync, type UserSyncSources } from './user-sync-session';

interface UserSyncOptions {
  device?: string;
  dryRun?: boolean;
  removeLeft?: boolean;
}

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description("put ERPNext's employees on the attendance devices");
  users
    .command('sync')
    .description('add active employees missing from the devices and update changed names (a preview first)')
    .option('--device <id>', 'only this device (default: every enabled device)')
    .option('--dry-run', 'show the changes without making them')
    .option('--remove-left', 'also remove users whose employee is Left or Inactive (never device administrators)')
    .action((options: UserSyncOptions, command: Command) => withCommandFolder(command, (context, folder) => syncUsers(context, folder, options)));
  registerCopyTemplatesCommand(users, commandLineRequester);
}

/** Who asked, for History: the surface and the operating-system account. */
export function commandLineRequester(): string {
  try {
    return `command line (${userInfo().username})`;
  } catch {
    return 'command line';
  }
}

async function syncUsers(context: CliContext, folder: DataFolder, options: UserSyncOptions): Promise<void> {
  const connection = folder.settings.getErpnext();
  const apiSecret = folder.secrets.get(ERPNEXT_API_SECRET);
  if (!connection || !apiSecret) {
    fail(context, { code: 'erpnext-not-configured', message: 'No ERPNext connection is stored, so there are no employees to put on the devices.', action: 'Run `punchbridge erpnext set` first.' });
    return;
  }
  const client = createErpnextClient({ ...connection, apiSecret });
  if (!client.ok) return fail(context, client.error);
  try {
    const sources: UserSyncSources = { journal: folder.journal, secrets: folder.secrets, erpnext: client.value, connect: connectZk, lockFile: join(folder.dataDir, RUN_LOCK_FILE_NAME) };
    const input = { deviceId: options.device, removeLeft: Boolean(options.removeLeft) };
    const preview = await previewUserSync(sources, input);
    if (!preview.ok) return fail(context, preview.error);
    const previews = preview.value.devices;
    const approved = previews.flatMap((device) => device.changes.map((change) => ({ deviceId: device.deviceId, kind: change.kind, userId: change.userId })));
    if (options.dryRun || approved.length === 0) {
      if (previews.some((device) => device.error)) process.exitCode = EXIT_PARTIAL;
      return report(context, { dryRun: Boolean(options.dryRun), devices: previews }, () => describePreview(previews, Boolean(options.dryRun)));
    }
    if (!context.json) progress(describePreview(previews, false));
    const applied = await applyUserSync(sources, { ...input, approved }, commandLineRequester());
    if (!applied.ok) return fail(context, applied.error);
    const unreachable = previews.filter((device) => device.error);
    if (unreachable.length > 0 || applied.value.some((device) => device.error || device.results.some((result) => result.outcome !== 'done'))) process.exitCode = EXIT_PARTIAL;
    report(context, { dryRun: false, devices: applied.value, unreachable }, () => describeOutcome(applied.value));
  } finally {
    client.value.close();
  }
}

const VERB: Record<DeviceUserChange['kind'], string> = { add: 'add', rename: 'rename', remove: 'remove' };

function describeChange(change: DeviceUserChange): string {
  if (change.kind === 'rename') return `${VERB.rename} ${change.userId}: "${change.previousName}" -> "${change.name}" (${change.employee})`;
  return `${VERB[change.kind]} ${change.userId} "${change.name}" (${change.employee})`;
}

function describePreview(devices: DeviceUserPreview[], dryRun: boolean): string {
  const lines: string[] = [];
  for (const device of devices) {
    if (device.error) {
      lines.push(`${device.deviceName}: not read. ${device.error.message} ${device.error.action}`);
      continue;
    }
    lines.push(`${device.deviceName}: ${device.changes.length === 0 ? 'nothing to change' : `${device.changes.length} change(s)`}`);
    lines.push(...device.changes.map((change) => `  ${describeChange(change)}`));
    lines.push(...device.skipped.map((skipped) => `  left alone ${skipped.userId} (${skipped.employee}): ${skipped.reason}`));
    lines.push(...device.waiting.map((entry) => `  waiting for the device: ${describeChange(entry)}, queued ${entry.since}, ${entry.sent ? 'fetched, not answered yet' : 'not fetched yet'}`));
  }
  if (dryRun) lines.push('Dry run: nothing was changed. Run again without --dry-run to make these changes.');
  return lines.join('\n');
}

function describeOutcome(devices: DeviceUserOutcome[]): string {
  const lines: string[] = [];
  for (const device of devices) {
    if (device.error) lines.push(`${device.deviceName}: not changed. ${device.error.message} ${device.error.action}`);
    const done = device.results.filter((result) => result.outcome === 'done').length;
    if (!device.error) lines.push(`${device.deviceName}: ${done} of ${device.results.length} change(s) done`);
    for (const result of device.results) {
      if (result.outcome !== 'done') lines.push(`  ${result.outcome}: ${describeChange(result)}. ${result.error?.message ?? ''} ${result.error?.action ?? ''}`.trimEnd());
    }
  }
  return lines.join('\n');
}
