// `punchbridge users copy-templates --from A --to B [--user ID] [--dry-run]`: fingers enrolled on one
// terminal written to another, each copy recorded for History.
import type { Command } from 'commander';
import { EXIT_PARTIAL, fail, report, type CliContext } from '../../cli-support';
import type { StoredDevice } from '../../journal';
import { deviceCommKeyName } from '../../settings';
import { connectZk, ZkError, type ZkDevice } from '../../zk';
import type { DataFolder } from '../data-folder';
import { connectOptionsFor } from '../device-connection';
import { withCommandFolder } from '../with-data-folder';
import { readFingerprints, writeFingerprints } from './copy-templates';

interface CopyOptions {
  from: string;
  to: string;
  user?: string;
  dryRun?: boolean;
}

export function registerCopyTemplatesCommand(users: Command, requester: () => string): void {
  users
    .command('copy-templates')
    .description('copy fingerprint templates from one device to another, so a finger enrolled once works at both')
    .requiredOption('--from <id>', 'device the fingers were enrolled on')
    .requiredOption('--to <id>', 'device to write them to')
    .option('--user <id>', 'only this user id (default: every user with fingers)')
    .option('--dry-run', 'show what would be copied without writing')
    .action((options: CopyOptions, command: Command) => withCommandFolder(command, (context, folder) => copyTemplates(context, folder, options, requester())));
}

function findDevice(context: CliContext, folder: DataFolder, id: string): StoredDevice | null {
  const device = folder.journal.getDevice(id);
  if (!device) fail(context, { code: 'device-not-found', message: `No device "${id}" is set up.`, action: 'Check the id with `punchbridge device list`.' });
  return device;
}

const open = (folder: DataFolder, device: StoredDevice) => {
  const commKey = folder.secrets.get(deviceCommKeyName(device.id));
  return connectZk(connectOptionsFor(device, commKey));
};

async function copyTemplates(context: CliContext, folder: DataFolder, options: CopyOptions, requestedBy: string): Promise<void> {
  const from = findDevice(context, folder, options.from);
  const to = from && findDevice(context, folder, options.to);
  if (!from || !to) return;
  let source: ZkDevice | null = null;
  let target: ZkDevice | null = null;
  try {
    source = await open(folder, from);
    const { plans } = await readFingerprints(source, options.user);
    await source.disconnect();
    if (plans.length === 0 || options.dryRun) {
      report(context, { dryRun: Boolean(options.dryRun), users: plans.map((plan) => ({ userId: plan.userId, name: plan.name, fingers: plan.fingers.length })) }, () =>
        plans.length === 0
          ? `${from.name} has no fingerprints${options.user ? ` for user ${options.user}` : ''}.`
          : [`Would copy to ${to.name}:`, ...plans.map((plan) => `  ${plan.userId} "${plan.name}": ${plan.fingers.length} finger(s)`)].join('\n'),
      );
      return;
    }
    target = await open(folder, to);
    const results = await writeFingerprints(target, plans);
    folder.journal.recordDeviceUserChanges(
      results.map((result) => ({ deviceId: to.id, deviceName: to.name, kind: 'copy-fingerprints', userId: result.userId, employee: from.name, name: result.name, previousName: null, outcome: result.outcome, error: result.error?.message ?? null, requestedBy })),
    );
    if (results.some((result) => result.outcome !== 'done')) process.exitCode = EXIT_PARTIAL;
    report(context, { dryRun: false, results }, () =>
      [`${results.filter((result) => result.outcome === 'done').length} of ${results.length} user(s) copied from ${from.name} to ${to.name}.`, ...results.filter((result) => result.outcome !== 'done').map((result) => `  ${result.outcome}: ${result.userId} "${result.name}". ${result.error?.message ?? ''} ${result.error?.action ?? ''}`.trimEnd())].join('\n'),
    );
  } catch (error) {
    if (!(error instanceof ZkError)) throw error;
    fail(context, error.toApiError(), EXIT_PARTIAL);
  } finally {
    await source?.disconnect();
    await target?.disconnect();
  }
}
