// Child process for the crash-safety test: writes batches of 1,000 punches until it is killed,
// printing the number of each committed batch.
import { openJournal } from '..';

const journal = openJournal(process.argv[2]!);
for (let batch = 0; ; batch++) {
  const records = Array.from({ length: 1000 }, (_, i) => ({
    userId: String(i),
    deviceTime: new Date(Date.UTC(2026, 0, 1) + batch * 60_000).toISOString().slice(0, 19).replace('T', ' '),
    punchStateCode: 0,
    verifyType: 1,
  }));
  journal.insertPunches('CRASH01', null, 'zk', records);
  process.stdout.write(`${batch}\n`);
}
