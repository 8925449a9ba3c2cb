// A process that takes the run lock and keeps it until it is killed, for the run lock's tests.
import { acquireRunLock } from '../run-lock';

const lockFile = process.argv[2];
if (!lockFile) throw new Error('usage: lock-holder.ts <lock file>');
const lock = acquireRunLock(lockFile);
process.stdout.write(lock.ok ? 'held\n' : 'refused\n');
// The lock lives as long as its database handle: the timer keeps the handle from being collected.
setInterval(() => lock, 60_000);
