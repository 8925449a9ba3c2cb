// `punchbridge device find SERIAL`: the saved address of a terminal stopped answering (DHCP gave it
// another); look for its serial on the same subnet, and with --update take the new address.
import type { Command } from 'commander';
import { EXIT_PARTIAL, fail, parsePort, progress, report, type CliContext } from '../cli-support';
import { deviceCommKeyName } from '../settings';
import { DEFAULT_ZK_PORT, scanForSerial, subnetHosts, subnetOf } from '../zk';
import type { DataFolder } from './data-folder';
import { withCommandFolder } from './with-data-folder';

interface FindOptions {
  subnet?: string;
  port?: number;
  update?: boolean;
}

export function registerDeviceFindCommand(device: Command): void {
  device
    .command('find <serial>')
    .description('look for a device by serial number on its subnet (port 4370), e.g. after DHCP gave it a new address')
    .option('--subnet <cidr>', 'subnet to scan, at most a /22 (default: the /24 of the saved address)')
    .option('--port <port>', 'port to scan (default: the saved port, or 4370)', parsePort)
    .option('--update', 'save the address where the serial answered for the device that carries it')
    .action((serial: string, options: FindOptions, command: Command) => withCommandFolder(command, (context, folder) => findDevice(context, folder, serial, options)));
}

async function findDevice(context: CliContext, folder: DataFolder, serial: string, options: FindOptions): Promise<void> {
  const saved = folder.journal.listDevices().find((device) => device.serialNumber === serial) ?? null;
  const subnet = options.subnet ?? (saved ? subnetOf(saved.host) : null);
  if (!subnet) {
    fail(context, {
      code: 'invalid-argument',
      message: saved ? `${saved.name} is saved under the name "${saved.host}", not an IPv4 address, so there is no subnet to scan.` : `No saved device carries serial ${serial}, so there is no subnet to scan.`,
      action: 'Give the subnet to scan with --subnet, e.g. --subnet 192.168.1.0/24.',
    });
    return;
  }
  try {
    subnetHosts(subnet);
  } catch (error) {
    fail(context, { code: 'invalid-argument', message: (error as Error).message, action: 'Choose a narrower subnet with --subnet, e.g. 192.168.1.0/24.' });
    return;
  }
  const port = options.port ?? saved?.port ?? DEFAULT_ZK_PORT;
  const commKey = saved ? folder.secrets.get(deviceCommKeyName(saved.id)) : null;
  if (!context.json) progress(`Looking for ${serial} on ${subnet}, port ${port}…`);
  const result = await scanForSerial({ serial, subnet, port, commKey: commKey ? Number(commKey) : undefined });
  if (!result.found) {
    process.exitCode = EXIT_PARTIAL;
    report(context, { found: null, subnet, port, scanned: result.scanned, others: result.others }, () =>
      [`No device with serial ${serial} answered on ${subnet} port ${port} (${result.scanned} addresses).`, ...result.others.map((other) => `  ${other.host}: ${other.serial ?? 'a device that did not give its serial'}`), 'Check that the device is on and on this network; its network menu shows its address.'].join('\n'),
    );
    return;
  }
  const { host } = result.found;
  const updated = options.update && saved && saved.host !== host ? folder.journal.updateDevice(saved.id, { host, port }) : null;
  report(context, { found: result.found, deviceId: saved?.id ?? null, savedHost: saved?.host ?? null, updated: Boolean(updated) }, () => {
    const where = `${serial} answers at ${host}:${port}`;
    if (!saved) return `${where}. No saved device carries this serial: add it with \`punchbridge device add --host ${host}\`.`;
    if (saved.host === host) return `${where}, the address ${saved.name} already has.`;
    if (updated) return `${where}. ${saved.name} now uses ${host} (it was ${saved.host}).`;
    return `${where}; ${saved.name} is saved at ${saved.host}. Run again with --update to take the new address.`;
  });
}
