// `punchbridge device add | list | set | remove`: the devices a sync reads.
import type { Command } from 'commander';
import { DeviceInputSchema, LOG_TYPE_RULES, type ApiError, type DeviceConfig, type DeviceInput } from '../vocabulary';
import { fail, parsePort, report, type CliContext } from '../cli-support';
import type { Journal, StoredDevice } from '../journal';
import { deviceCommKeyName } from '../settings';
import type { DataFolder } from './data-folder';
import { withCommandFolder } from './with-data-folder';

interface DeviceOptions {
  name?: string;
  host?: string;
  port?: number;
  udp?: boolean;
  commKey?: string;
  timezone?: string;
  logType?: string;
  clearWhenFullerThan?: string;
  neverClear?: boolean;
  enable?: boolean;
  disable?: boolean;
  timeout?: number;
}

export function registerDeviceCommands(device: Command): void {
  withDeviceOptions(device.command('add').description('add a ZK attendance device to sync'))
    .requiredOption('--name <name>', 'a name people know the device by, such as "Main gate"')
    .requiredOption('--host <host>', 'IP address or name of the device')
    .action((options: DeviceOptions, command: Command) => withCommandFolder(command, (context, folder) => addDevice(context, folder, options)));
  device
    .command('list')
    .description('list the devices and how their last read went')
    .action((_options: unknown, command: Command) => withCommandFolder(command, (context, folder) => listDevices(context, folder)));
  withDeviceOptions(device.command('set').description('change a device').argument('<device>', 'the device name or id'))
    .option('--name <name>', 'a new name')
    .option('--host <host>', 'a new address')
    .option('--no-udp', 'TCP first, then UDP (the default)')
    .option('--enable', 'read the device in every sync')
    .option('--disable', 'leave the device out of syncs (its punches stay)')
    .action((target: string, options: DeviceOptions, command: Command) => withCommandFolder(command, (context, folder) => setDevice(context, folder, target, options)));
  device
    .command('remove')
    .description('stop syncing a device; its punches stay in the journal')
    .argument('<device>', 'the device name or id')
    .action((target: string, _options: unknown, command: Command) => withCommandFolder(command, (context, folder) => removeDevice(context, folder, target)));
}

function withDeviceOptions(command: Command): Command {
  return command
    .option('--port <port>', 'the device port (default 4370)', parsePort)
    .option('--udp', 'talk UDP only, for devices that do not speak TCP')
    .option('--comm-key <key>', 'the device COMM Key, if one is set ("" removes it)')
    .option('--timezone <zone>', 'the IANA zone the device clock keeps, such as Asia/Kolkata (default: the ERPNext zone)')
    .option('--log-type <rule>', `IN/OUT for ERPNext: ${LOG_TYPE_RULES.join(', ')} (auto reads the punch state)`)
    .option('--clear-when-fuller-than <percent>', 'clear the device log after a safe read once it is this full')
    .option('--never-clear', 'never clear the device log (the default)')
    .option('--timeout <seconds>', 'how long a slow device may take to prepare, send or clear a full log (default 60)', Number);
}

/** The changes the options ask for, in DeviceInput terms. */
function changesFrom(options: DeviceOptions): Partial<DeviceInput> {
  const changes: Partial<DeviceInput> = {};
  if (options.name !== undefined) changes.name = options.name;
  if (options.host !== undefined) changes.host = options.host;
  if (options.port !== undefined) changes.port = options.port;
  if (options.udp !== undefined) changes.transport = options.udp ? 'udp' : 'auto';
  if (options.commKey !== undefined) changes.commKey = options.commKey;
  if (options.timezone !== undefined) changes.timeZone = options.timezone;
  if (options.logType !== undefined) changes.logTypeRule = options.logType as DeviceInput['logTypeRule'];
  if (options.neverClear) changes.clearPolicy = { mode: 'never' };
  if (options.clearWhenFullerThan !== undefined) changes.clearPolicy = { mode: 'when-fuller-than', percent: Number(options.clearWhenFullerThan) };
  if (options.enable) changes.enabled = true;
  if (options.disable) changes.enabled = false;
  if (options.timeout !== undefined) changes.timeoutSeconds = options.timeout;
  return changes;
}

function validate(input: DeviceInput): { ok: true; value: DeviceConfig } | { ok: false; error: ApiError } {
  const parsed = DeviceInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: { code: 'invalid-device', message: `${where}${issue?.message ?? 'The device settings are not valid.'}`, action: 'Correct the value and run the command again.' } };
}

function addDevice(context: CliContext, folder: DataFolder, options: DeviceOptions): void {
  const valid = validate(changesFrom(options) as DeviceInput);
  if (!valid.ok) return fail(context, valid.error);
  const { commKey, ...config } = valid.value;
  const stored = folder.journal.addDevice(config);
  if (commKey) folder.secrets.set(deviceCommKeyName(stored.id), commKey);
  report(context, describeJson(stored, Boolean(commKey)), () => `Added ${stored.name} (${stored.host}:${stored.port}) as "${stored.id}". Run \`punchbridge sync\` to read it.`);
}

function listDevices(context: CliContext, folder: DataFolder): void {
  const devices = folder.journal.listDevices();
  report(context, devices.map((device) => describeJson(device, Boolean(folder.secrets.get(deviceCommKeyName(device.id))))), () =>
    devices.length === 0 ? 'No devices yet. Add one with `punchbridge device add --name "Main gate" --host 192.168.1.201`.' : devices.map(describeLine).join('\n'),
  );
}

function setDevice(context: CliContext, folder: DataFolder, target: string, options: DeviceOptions): void {
  const device = findDevice(folder.journal, target);
  if (!device) return fail(context, noSuchDevice(folder.journal, target));
  const changes = changesFrom(options);
  const valid = validate({ ...configOf(device), ...changes });
  if (!valid.ok) return fail(context, valid.error);
  const { commKey: _stored, ...config } = valid.value;
  const updated = folder.journal.updateDevice(device.id, config)!;
  if (changes.commKey === '') folder.secrets.delete(deviceCommKeyName(device.id));
  else if (changes.commKey) folder.secrets.set(deviceCommKeyName(device.id), changes.commKey);
  report(context, describeJson(updated, Boolean(folder.secrets.get(deviceCommKeyName(device.id)))), () => `Updated ${updated.name}: ${describeLine(updated)}`);
}

function removeDevice(context: CliContext, folder: DataFolder, target: string): void {
  const device = findDevice(folder.journal, target);
  if (!device) return fail(context, noSuchDevice(folder.journal, target));
  const removed = folder.journal.removeDevice(device.id)!;
  folder.secrets.delete(deviceCommKeyName(device.id));
  report(context, { ok: true, id: device.id, keptPunches: removed.keptPunches }, () => `Removed ${device.name}; its ${removed.keptPunches} punches stay in the journal.`);
}

/** The device a CLI argument names, by id or by name (any case). */
export function findDevice(journal: Journal, target: string): StoredDevice | null {
  const devices = journal.listDevices();
  return devices.find((device) => device.id === target) ?? devices.find((device) => device.name.toLowerCase() === target.toLowerCase()) ?? null;
}

export function noSuchDevice(journal: Journal, target: string): ApiError {
  const names = journal.listDevices().map((device) => `"${device.name}"`);
  return {
    code: 'no-such-device',
    message: `There is no device named or numbered "${target}".`,
    action: names.length > 0 ? `Use one of: ${names.join(', ')} (see \`punchbridge device list\`).` : 'Add one first with `punchbridge device add`.',
  };
}

function configOf(device: StoredDevice): DeviceInput {
  const { name, host, port, transport, timeZone, logTypeRule, inStates, outStates, clearPolicy, enabled, live, nameEncoding, timeoutSeconds } = device;
  return { name, host, port, transport, timeZone, logTypeRule, inStates, outStates, clearPolicy, enabled, live, nameEncoding, timeoutSeconds };
}

function describeJson(device: StoredDevice, hasCommKey: boolean) {
  return { ...device, hasCommKey };
}

function describeLine(device: StoredDevice): string {
  const clear = device.clearPolicy.mode === 'never' ? 'never cleared' : `cleared above ${device.clearPolicy.percent}%`;
  const lastRead = device.lastError ? `last read failed: ${device.lastError.message}` : device.lastReadAt ? `last read ${device.lastReadAt}` : 'never read';
  return [
    `${device.id}  ${device.name}  ${device.host}:${device.port}${device.transport === 'udp' ? ' (UDP)' : ''}`,
    `   ${device.enabled ? 'enabled' : 'DISABLED'}, zone ${device.timeZone ?? 'as ERPNext'}, log type ${device.logTypeRule}, ${clear}, timeout ${device.timeoutSeconds} s, serial ${device.serialNumber ?? 'unknown'}, ${lastRead}`,
  ].join('\n');
}
