// `punchbridge device probe`: try a device from the command line.
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { cliContext, fail, parseCount, parsePort, report } from '../cli-support';
import { DEFAULT_ZK_PORT } from './constants';
import { DEFAULT_SLOW_TIMEOUT_MS } from './connect';
import { probeDevice, type ProbeReport } from './probe';
import { punchStateName, verifyTypeName } from './punch-codes';
import { ZkTrace } from './trace';

interface ProbeOptions {
  host: string;
  port: number;
  udp?: boolean;
  commKey?: number;
  users?: boolean;
  records?: boolean;
  timeout: number;
  encoding: string;
  trace?: string;
}

export function registerZkCommands(_program: Command, device: Command): void {
  device
    .command('probe')
    .description('connect to a ZK device and report what it is, its counts, its clock and optionally its users and punches')
    .requiredOption('--host <host>', 'IP address or name of the device')
    .option('--port <port>', 'port of the device', parsePort, DEFAULT_ZK_PORT)
    .option('--udp', 'use UDP only (default: TCP, then UDP if TCP is refused or times out)')
    .option('--comm-key <key>', 'the device\'s COMM Key, if one is set', parseCount)
    .option('--users', 'list the users')
    .option('--records', 'list the attendance records')
    .option('--timeout <seconds>', 'how long a slow device may take to prepare or send a full log', parseCount, DEFAULT_SLOW_TIMEOUT_MS / 1000)
    .option('--encoding <label>', 'how the device encodes names (utf-8, gbk, windows-1256...)', parseEncoding, 'utf-8')
    .option('--trace <file>', 'write every packet of the session to this file for support (comm key, names and passwords masked)')
    .action(async (options: ProbeOptions, command: Command) => {
      const context = cliContext(command);
      const trace = options.trace ? new ZkTrace() : undefined;
      const result = await probeDevice(
        { host: options.host, port: options.port, transport: options.udp ? 'udp' : 'auto', commKey: options.commKey, slowTimeoutMs: options.timeout * 1000, nameEncoding: options.encoding, trace },
        { users: options.users, records: options.records },
      );
      // Written whatever the outcome: a failed session is the one support most wants to see.
      if (trace && options.trace) {
        writeFileSync(options.trace, `${JSON.stringify(trace.toFile(), null, 1)}\n`);
        process.stderr.write(`Trace of ${trace.packetCount} packets written to ${options.trace}; send it with your report.\n`);
      }
      if (!result.ok) return fail(context, result.error);
      report(context, toJson(result.value), () => describe(result.value, `${options.host}:${options.port}`));
    });
}

function parseEncoding(label: string): string {
  try {
    new TextDecoder(label);
    return label;
  } catch {
    throw new InvalidArgumentError(`"${label}" is not a text encoding this program knows (try utf-8, gbk, windows-1252, windows-1256)`);
  }
}

function toJson(probe: ProbeReport) {
  const { users, records, invalidRecords, ...facts } = probe;
  return {
    ...facts,
    ...(users && { users: users.map(({ userId, name, privilege, cardNumber }) => ({ userId, name, privilege, cardNumber })) }),
    ...(records && { records: records.map(({ userId, time, state, verify }) => ({ userId, time, state, verify })) }),
    ...(invalidRecords && { invalidRecords }),
  };
}

const count = (value: number) => value.toLocaleString('en-US');

function describeSkew(seconds: number): string {
  if (seconds === 0) return 'same as this PC';
  const size = Math.abs(seconds);
  const amount = size < 120 ? `${size} s` : size < 7200 ? `${Math.round(size / 60)} min` : `${(size / 3600).toFixed(1)} h`;
  return `${amount} ${seconds > 0 ? 'ahead of' : 'behind'} this PC`;
}

function describe(probe: ProbeReport, target: string): string {
  const lines = [
    `ZK device at ${target} (${probe.transportUsed.toUpperCase()})`,
    `  Serial number  ${probe.serialNumber}`,
    `  Firmware       ${probe.firmware}`,
    `  Name           ${probe.deviceName || '(not reported)'}`,
    `  Platform       ${probe.platform || '(not reported)'}`,
    `  Users          ${count(probe.userCount)} of ${count(probe.userCapacity)}`,
    `  Records        ${count(probe.recordCount)} of ${count(probe.recordCapacity)}`,
    `  Device time    ${probe.deviceTime} (${describeSkew(probe.clockSkewSeconds)})`,
  ];
  if (probe.users) {
    lines.push('', `Users (${count(probe.users.length)}):`, '  user id                   privilege  card        name');
    for (const user of probe.users) {
      lines.push(`  ${user.userId.padEnd(24)}  ${String(user.privilege).padEnd(9)}  ${String(user.cardNumber || '').padEnd(10)}  ${user.name}`);
    }
  }
  if (probe.records) {
    lines.push('', `Records (${count(probe.records.length)}):`, '  user id                   time                 state             verify');
    for (const record of probe.records) {
      const state = `${record.state} ${punchStateName(record.state)}`;
      lines.push(`  ${record.userId.padEnd(24)}  ${record.time}  ${state.padEnd(16)}  ${record.verify} ${verifyTypeName(record.verify)}`);
    }
  }
  for (const invalid of probe.invalidRecords ?? []) lines.push(`  skipped record ${invalid.index + 1} (user ${invalid.userId}): ${invalid.reason}`);
  return lines.join('\n');
}
