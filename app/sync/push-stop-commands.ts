// `punchbridge lift-stop`: the person fixed the API user's role; pushing may go on.
// The same as the dashboard's "The role is fixed" button, for a box run only from the command line.
import type { Command } from 'commander';
import { report } from '../cli-support';
import { withCommandFolder } from './with-data-folder';

export function registerPushStopCommands(program: Command): void {
  program
    .command('lift-stop')
    .description('the ERPNext API user\'s role is fixed: push again after the time trap stopped it (one punch is sent and checked first)')
    .action((_options: unknown, command: Command) =>
      withCommandFolder(command, (context, folder) => {
        const stop = folder.journal.getPushStop();
        const lifted = folder.journal.liftPushStop();
        report(context, { lifted, wrongCheckins: stop?.wrongCheckins ?? [] }, () =>
          lifted
            ? `Stop lifted. The next sync sends one punch and checks its time before the rest.\n` +
              `Make sure these checkins were deleted in ERPNext: ${stop!.wrongCheckins.map((wrong) => wrong.checkinName).join(', ')}.`
            : 'Pushing was not stopped: nothing to lift.',
        );
      }),
    );
}
