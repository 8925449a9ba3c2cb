// Finding a terminal that moved: DHCP gave it a new address, the saved one stops
// answering. A short, bounded TCP scan of one subnet on the ZK port, then the serial number of
// every unit that answers, so only the terminal with the saved serial is offered.
import { Socket } from 'node:net';
import { isIPv4 } from 'node:net';
import { connectZk, type ZkDevice } from './client';
import type { ZkConnectOptions } from './connect';
import { ZkError } from './errors';

/** The widest scan allowed: a /22, about a thousand addresses. */
export const MAX_SCAN_ADDRESSES = 1024;
const DEFAULT_CONCURRENCY = 64;
const DEFAULT_PORT_TIMEOUT_MS = 400;

export interface SerialScanOptions {
  serial: string;
  /** IPv4 CIDR, e.g. "192.168.1.0/24". */
  subnet: string;
  port: number;
  commKey?: number;
  portTimeoutMs?: number;
  concurrency?: number;
  connect?: (options: ZkConnectOptions) => Promise<ZkDevice>;
}

export interface SerialScanResult {
  /** Where the serial answered; null when no unit on the subnet carries it. */
  found: { host: string; port: number } | null;
  scanned: number;
  /** Other terminals seen on the way, by address. */
  others: { host: string; serial: string | null }[];
}

const toNumber = (address: string) => address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
const toAddress = (value: number) => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** The host addresses of an IPv4 CIDR (network and broadcast left out). Throws RangeError for a bad or too wide one. */
export function subnetHosts(cidr: string): string[] {
  const [address, prefixText] = cidr.split('/');
  const prefix = Number(prefixText ?? 32);
  if (!address || !isIPv4(address) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new RangeError(`"${cidr}" is not an IPv4 subnet such as 192.168.1.0/24`);
  const size = 2 ** (32 - prefix);
  if (size > MAX_SCAN_ADDRESSES) throw new RangeError(`${cidr} holds ${size} addresses; scan at most ${MAX_SCAN_ADDRESSES} (a /22 or narrower)`);
  const network = toNumber(address) - (toNumber(address) % size);
  if (size <= 2) return Array.from({ length: size }, (_, index) => toAddress(network + index));
  return Array.from({ length: size - 2 }, (_, index) => toAddress(network + 1 + index));
}

/** The /24 around a saved address, the usual reach of a DHCP renumbering. */
export function subnetOf(host: string): string | null {
  return isIPv4(host) ? `${host.split('.').slice(0, 3).join('.')}.0/24` : null;
}

function portOpen(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

async function serialAt(host: string, options: SerialScanOptions): Promise<string | null> {
  let device: ZkDevice | null = null;
  try {
    device = await (options.connect ?? connectZk)({ host, port: options.port, transport: 'tcp', commKey: options.commKey, timeoutMs: 2000 });
    return await device.getSerialNumber();
  } catch (error) {
    if (error instanceof ZkError) return null;
    throw error;
  } finally {
    await device?.disconnect();
  }
}

export async function scanForSerial(options: SerialScanOptions): Promise<SerialScanResult> {
  const hosts = subnetHosts(options.subnet);
  const open: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < hosts.length) {
      const host = hosts[next++]!;
      if (await portOpen(host, options.port, options.portTimeoutMs ?? DEFAULT_PORT_TIMEOUT_MS)) open.push(host);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, hosts.length) }, worker));
  const others: SerialScanResult['others'] = [];
  for (const host of open.sort((a, b) => toNumber(a) - toNumber(b))) {
    const serial = await serialAt(host, options);
    if (serial === options.serial) return { found: { host, port: options.port }, scanned: hosts.length, others };
    others.push({ host, serial });
  }
  return { found: null, scanned: hosts.length, others };
}
