// `punchbridge punches` (what the journal holds, filtered) and `punchbridge map` (give a device
// user id its employee; held punches go back to the queue).
import type { Command } from 'commander';
import { PunchQuerySchema, PunchStateSchema, type Punch } from '../vocabulary';
import { fail, parseCount, report, type CliContext } from '../cli-support';
import { createErpnextClient } from '../erpnext';
import { ERPNEXT_API_SECRET } from '../settings';
import type { DataFolder } from './data-folder';
import { findDevice, noSuchDevice } from './device-commands';
import { withCommandFolder } from './with-data-folder';

interface PunchOptions {
  state?: string;
  from?: string;
  to?: string;
  limit: number;
  device?: string;
}

interface MapOptions {
  userId: string;
  employee: string;
  device?: string;
  writeErpnext?: boolean;
}

export function registerPunchCommands(program: Command): void {
  program
    .command('punches')
    .description('list punches in the journal, newest first')
    .option('--state <states>', 'only these states, comma separated: pending, synced, unmatched, rejected, failed, ignored')
    .option('--from <date>', 'from this day (YYYY-MM-DD, device time)')
    .option('--to <date>', 'up to and including this day')
    .option('--device <device>', 'only this device (name or id)')
    .option('--limit <n>', 'at most this many (1-1000)', parseCount, 100)
    .action((options: PunchOptions, command: Command) => withCommandFolder(command, (context, folder) => listPunches(context, folder, options)));
  program
    .command('map')
    .description('map a device user id to an ERPNext employee; its unmatched punches are sent in the next sync')
    .requiredOption('--user-id <id>', 'the user id on the device')
    .requiredOption('--employee <employee>', 'the ERPNext employee id, such as HR-EMP-00012')
    .option('--device <device>', 'only on this device (default: every device)')
    .option('--write-erpnext', 'also set the employee\'s Attendance Device ID in ERPNext')
    .action((options: MapOptions, command: Command) => withCommandFolder(command, (context, folder) => mapUser(context, folder, options)));
}

function listPunches(context: CliContext, folder: DataFolder, options: PunchOptions): void {
  let deviceId: string | undefined;
  if (options.device) {
    const device = findDevice(folder.journal, options.device);
    if (!device) return fail(context, noSuchDevice(folder.journal, options.device));
    deviceId = device.id;
  }
  const states = options.state?.split(',').map((state) => state.trim()).filter(Boolean);
  const query = PunchQuerySchema.safeParse({ from: options.from, to: options.to, states, deviceId, limit: options.limit });
  if (!query.success) {
    const issue = query.error.issues[0];
    const known = states?.find((state) => !PunchStateSchema.safeParse(state).success);
    return fail(context, {
      code: 'invalid-argument',
      message: known ? `"${known}" is not a punch state.` : `${issue?.path.join('.')}: ${issue?.message}`,
      action: 'States are pending, synced, unmatched, rejected, failed and ignored; dates are YYYY-MM-DD; the limit is 1 to 1000.',
    });
  }
  const page = folder.journal.queryPunches(query.data);
  report(context, page, () => (page.rows.length === 0 ? 'No punches match.' : [...page.rows.map(describePunch), `${page.rows.length} of ${page.total} shown.`].join('\n')));
}

function describePunch(punch: Punch): string {
  const sent = punch.serverTime && punch.serverTime !== punch.deviceTime ? ` (server ${punch.serverTime})` : '';
  const who = punch.employee ? ` ${punch.employee}${punch.employeeName ? ` ${punch.employeeName}` : ''}` : '';
  const why = punch.lastError ? `: ${punch.lastError}` : '';
  const note = punch.timeNote ? ` [${punch.timeNote}]` : '';
  return `${punch.id}  ${punch.deviceName}  user ${punch.userId}  ${punch.deviceTime}${sent}  ${punch.logType ?? '-'}  ${punch.state}${who}${why}${note}`;
}

async function mapUser(context: CliContext, folder: DataFolder, options: MapOptions): Promise<void> {
  let deviceId: string | null = null;
  if (options.device) {
    const device = findDevice(folder.journal, options.device);
    if (!device) return fail(context, noSuchDevice(folder.journal, options.device));
    deviceId = device.id;
  }
  let employeeName: string | null = null;
  if (options.writeErpnext) {
    const written = await writeAttendanceDeviceId(folder, options.employee, options.userId);
    if (!written.ok) return fail(context, written.error);
    employeeName = written.employeeName;
  }
  const mapping = folder.journal.setMapping({ userId: options.userId, deviceId, employee: options.employee, employeeName });
  const requeued = folder.journal.requeueUser(options.userId, deviceId);
  report(context, { ok: true, mapping, requeued, wroteErpnext: Boolean(options.writeErpnext) }, () =>
    `Mapped user ${options.userId}${options.device ? ` on ${options.device}` : ' on every device'} to ${options.employee}` +
    `${options.writeErpnext ? ' (and set the Attendance Device ID in ERPNext)' : ''}; ${requeued} held punch(es) go out in the next sync.`,
  );
}

async function writeAttendanceDeviceId(folder: DataFolder, employee: string, userId: string) {
  const settings = folder.settings.getErpnext();
  const apiSecret = folder.secrets.get(ERPNEXT_API_SECRET);
  if (!settings || !apiSecret) {
    return {
      ok: false as const,
      error: {
        code: 'erpnext-not-configured',
        message: 'No ERPNext connection is stored yet, so the Attendance Device ID cannot be written.',
        action: 'Run `punchbridge erpnext set` first, or map without --write-erpnext.',
      },
    };
  }
  const created = createErpnextClient({ url: settings.url, apiKey: settings.apiKey, apiSecret, verifyTls: settings.verifyTls, caFile: settings.caFile });
  if (!created.ok) return created;
  try {
    const written = await created.value.setAttendanceDeviceId(employee, userId);
    return written.ok ? { ok: true as const, employeeName: written.value.employeeName } : written;
  } finally {
    created.value.close();
  }
}
