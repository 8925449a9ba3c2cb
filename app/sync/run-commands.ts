// `punchbridge sync` (one run, progress on stderr, a summary; exit 0 / 1 / 2) and
// `punchbridge runs` (the history).
import type { Command } from 'commander';
import type { DevicePhase, RunProgress, RunSummary } from '../vocabulary';
import { cliContext, parseCount, progress as progressLine, report, type CliContext } from '../cli-support';
import { runExitCode } from './run-summary';
import { withDataFolder } from './with-data-folder';

export function registerRunCommands(program: Command): void {
  program
    .command('sync')
    .description('read every enabled device and send new punches to ERPNext, once (exit 0 all sent, 1 some failed, 2 settings or credentials)')
    .action(async (_options: unknown, command: Command) => syncOnce(cliContext(command)));
  program
    .command('runs')
    .description('list the last sync runs')
    .option('--limit <n>', 'how many runs', parseCount, 20)
    .action((options: { limit: number }, command: Command) => listRuns(cliContext(command), options.limit));
}

async function syncOnce(context: CliContext): Promise<void> {
  await withDataFolder(context, async (folder) => {
    const engine = folder.createEngine();
    engine.onProgress(progressPrinter());
    try {
      const summary = await engine.runOnce('cli');
      report(context, summary, () => describeSummary(summary));
      process.exitCode = runExitCode(summary);
    } finally {
      engine.close();
    }
  });
}

/** One stderr line per device phase, and push progress in tenths. */
function progressPrinter(): (progress: RunProgress) => void {
  const phases = new Map<string, DevicePhase>();
  let pushTenth = -1;
  return (progress) => {
    for (const device of progress.devices) {
      if (phases.get(device.deviceId) === device.phase || device.phase === 'waiting') continue;
      phases.set(device.deviceId, device.phase);
      progressLine(`${device.deviceName}: ${device.phase}`);
    }
    const { done, total } = progress.push;
    if (total === 0) return;
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== pushTenth) {
      pushTenth = tenth;
      progressLine(`sending to ERPNext: ${done} of ${total}`);
    }
  };
}

export function describeSummary(summary: RunSummary): string {
  const { counts } = summary;
  const lines = [
    `Sync ${summary.outcome === 'ok' ? 'finished' : summary.outcome === 'partial' ? 'finished with problems' : 'failed'} (run ${summary.id}).`,
    `Read ${counts.read} punches, ${counts.new} new. Sent: ${counts.synced} synced, ${counts.duplicates} already in ERPNext, ` +
      `${counts.unmatched} unmatched, ${counts.rejected} rejected, ${counts.failed} failed.`,
  ];
  for (const device of summary.devices) {
    lines.push(
      device.ok
        ? `  ${device.deviceName}: read ${device.read} (${device.new} new)${device.cleared ? ', log cleared' : ''}`
        : `  ${device.deviceName}: FAILED: ${device.error?.message} ${device.error?.action}`,
    );
  }
  for (const error of summary.errors) lines.push(`Error: ${error.message}\n  ${error.action}`);
  for (const warning of summary.warnings) lines.push(`Warning: ${warning}`);
  if (counts.unmatched > 0) lines.push('Unmatched punches wait for a mapping: `punchbridge map --user-id ID --employee EMP`.');
  return lines.join('\n');
}

async function listRuns(context: CliContext, limit: number): Promise<void> {
  await withDataFolder(context, (folder) => {
    const runs = folder.journal.listRuns(Math.max(1, limit));
    report(context, runs, () =>
      runs.length === 0
        ? 'No sync has run yet.'
        : runs
            .map((run) => {
              const { counts } = run;
              const failedDevices = run.devices.filter((device) => !device.ok).length;
              return (
                `${run.id}  ${run.startedAt}  ${run.trigger}  ${run.outcome}  read ${counts.read}, new ${counts.new}, synced ${counts.synced}, ` +
                `duplicates ${counts.duplicates}, unmatched ${counts.unmatched}, rejected ${counts.rejected}, failed ${counts.failed}` +
                (failedDevices > 0 ? `, ${failedDevices} device(s) failed` : '') +
                (run.errors.length > 0 ? `; ${run.errors[0]!.message}` : '')
              );
            })
            .join('\n'),
    );
  });
}
