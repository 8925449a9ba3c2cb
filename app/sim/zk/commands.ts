// `punchbridge sim zk`: a simulated terminal on the network until Ctrl+C, for demos and device trials.
import { InvalidArgumentError, type Command } from 'commander';
import { cliContext, fail, parseCount, parseListenPort, report } from '../../cli-support';
import { DEFAULT_ZK_PORT } from '../../zk/constants';
import { startZkSimulator, type AttendanceRecordSize, type ZkFaults, type ZkSimulatorOptions } from './index';

interface ZkSimFlags {
  port: number;
  host: string;
  users?: number;
  records?: number;
  shiftLogDays?: number;
  quietToday?: boolean;
  commKey?: number;
  recordSize?: AttendanceRecordSize;
  longIds?: boolean;
  coalesce?: boolean;
  serial?: string;
  clockOffset?: number;
  dropAfter?: number;
  delayMs?: number;
  packetGapMs?: number;
  seed?: number;
  refuseSerial?: boolean;
  misreportCount?: ZkFaults['misreportRecordCount'];
  ignoreDisable?: boolean;
  staysDisabled?: boolean;
}

/** Commander argument parsers that report bad values as usage errors rather than crashes. */
function usage<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

function parseRecordSize(value: string): AttendanceRecordSize {
  const size = Number(value);
  if (size !== 8 && size !== 16 && size !== 40 && size !== 49) throw new Error(`"${value}" is not a record size: use 8, 16, 40 or 49`);
  return size;
}

function parseMisreport(value: string): ZkFaults['misreportRecordCount'] {
  if (value !== 'half' && value !== 'one-more' && value !== 'one-less') throw new Error(`"${value}" is not a way to miscount: use half, one-more or one-less`);
  return value;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds)) throw new Error(`"${value}" is not a whole number of seconds`);
  return seconds;
}

function untilSigintOrSigterm(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** `untilStopped` decides when the simulator closes: Ctrl+C or SIGTERM unless a test says otherwise. */
export function registerZkSimCommand(sim: Command, untilStopped: () => Promise<void> = untilSigintOrSigterm): void {
  sim
    .command('zk')
    .description('run a simulated ZKTeco terminal (TCP and UDP on one port) until stopped')
    .option('--port <port>', 'port for TCP and UDP (0 picks a free one)', usage(parseListenPort), DEFAULT_ZK_PORT)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--users <n>', 'enrolled users (default 10)', usage(parseCount))
    .option('--records <n>', 'attendance records in the log (default 50)', usage(parseCount))
    .option('--shift-log-days <n>', 'instead of --records: this many days of a day shift (in 08:30-09:30, out 17:00-18:00), today up to now', usage(parseCount))
    .option('--quiet-today', 'with --shift-log-days: no punch today, as a terminal with a dead sensor')
    .option('--comm-key <key>', 'device password (comm key)', usage(parseCount))
    .option('--record-size <bytes>', 'attendance record layout: 8, 16, 40 or 49 (default 40)', usage(parseRecordSize))
    .option('--long-ids', '13-digit user ids')
    .option('--coalesce', "fault: send each chunk's packets in one TCP write")
    .option('--serial <serial>', 'serial number')
    .option('--clock-offset <seconds>', 'device clock minus this PC clock', usage(parseSeconds))
    .option('--drop-after <bytes>', 'fault: drop each connection after this many bytes sent', usage(parseCount))
    .option('--delay-ms <ms>', 'fault: delay every reply', usage(parseCount))
    .option('--packet-gap-ms <ms>', "pause between a chunk's TCP packets, for clients that cannot split them (node-zklib)", usage(parseCount))
    .option('--seed <n>', 'seed for the generated users and records (default 1)', usage(parseCount))
    .option('--refuse-serial', 'fault: refuse the serial number and MAC requests, as some OEM firmwares do')
    .option('--misreport-count <how>', 'fault: report a record count that is not the log\'s: half, one-more or one-less', usage(parseMisreport))
    .option('--ignore-disable', 'fault: acknowledge "disable" but keep taking punches')
    .option('--stays-disabled', 'fault: stay disabled after the session that disabled it ends, until the disable timeout')
    .action(async (flags: ZkSimFlags, command: Command) => runZkSimulator(flags, command, untilStopped));
}

async function runZkSimulator(flags: ZkSimFlags, command: Command, untilStopped: () => Promise<void>): Promise<void> {
  const context = cliContext(command);
  const options: ZkSimulatorOptions = {
    host: flags.host,
    port: flags.port,
    userCount: flags.users,
    recordCount: flags.records,
    shiftLogDays: flags.shiftLogDays,
    quietToday: flags.quietToday,
    commKey: flags.commKey,
    recordSize: flags.recordSize,
    longIds: flags.longIds,
    ...(flags.refuseSerial ? { serialNumber: null, macAddress: null } : { serialNumber: flags.serial }),
    clockOffsetSeconds: flags.clockOffset,
    seed: flags.seed,
    packetGapMs: flags.packetGapMs,
    faults: {
      coalesceChunks: Boolean(flags.coalesce),
      dropAfterBytes: flags.dropAfter ?? null,
      delayMs: flags.delayMs ?? 0,
      misreportRecordCount: flags.misreportCount ?? null,
      ignoreDisable: Boolean(flags.ignoreDisable),
      staysDisabledAfterDisconnect: Boolean(flags.staysDisabled),
    },
  };
  let simulator;
  try {
    simulator = await startZkSimulator(options);
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    fail(context, {
      code: busy ? 'port-in-use' : 'invalid-argument',
      message: busy ? `Port ${flags.port} on ${flags.host} is already in use` : (error as Error).message,
      action: busy ? 'Stop the program using that port, or choose another with --port' : 'Change the options and try again',
    });
    return;
  }
  const { host, port, serialNumber, users, records } = simulator;
  report(context, { host, port, serialNumber, users: users.length, records: records.length }, () =>
    `ZK simulator listening on ${host}:${port} (TCP+UDP), ${serialNumber === null ? 'no serial number' : `serial ${serialNumber}`}, ${users.length} users, ${records.length} records`,
  );
  await untilStopped();
  await simulator.close();
}
