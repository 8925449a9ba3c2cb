// `punchbridge sim zk` as a person runs it: one line when it listens, the configured device on the
// port, and the port released when stopped.
import net from 'node:net';
import { Command } from 'commander';
import { afterEach, expect, it, vi } from 'vitest';
import { CMD_ACK_ERROR, CMD_ACK_OK, CMD_GET_FREE_SIZES, CMD_OPTIONS_RRQ } from '../../zk/constants';
import { registerZkSimCommand } from './commands';
import { RawTcpClient } from './raw-client';

afterEach(() => vi.restoreAllMocks());

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

it('listens, prints one line, serves the configured device and releases the port when stopped', async () => {
  const port = await freePort();
  const printed: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => printed.push(String(text)) > 0);
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const program = new Command('punchbridge').option('--json').exitOverride();
  registerZkSimCommand(program.command('sim'), () => stopped);
  const running = program.parseAsync(['sim', 'zk', '--port', String(port), '--users', '3', '--records', '1200', '--serial', 'SIM123', '--long-ids'], { from: 'user' });

  await vi.waitFor(() => expect(printed).toHaveLength(1));
  expect(printed[0]).toBe(`ZK simulator listening on 127.0.0.1:${port} (TCP+UDP), serial SIM123, 3 users, 1200 records\n`);
  const client = await RawTcpClient.connect(port);
  await client.command(1000);
  const sizes = await client.command(CMD_GET_FREE_SIZES);
  expect(sizes.command).toBe(CMD_ACK_OK);
  expect([sizes.data.readInt32LE(16), sizes.data.readInt32LE(32)]).toEqual([3, 1200]);
  expect((await client.command(CMD_OPTIONS_RRQ, Buffer.from('~PIN2Width\0'))).data.toString('latin1')).toBe('~PIN2Width=14\0');

  stop();
  await running;
  await client.closed;
  await expect(RawTcpClient.connect(port)).rejects.toThrow(/ECONNREFUSED/);
});

it('rejects a record size no device has', async () => {
  const program = new Command('punchbridge');
  const sim = program.command('sim');
  registerZkSimCommand(sim, () => Promise.resolve());
  for (const command of [program, sim, ...sim.commands]) command.exitOverride().configureOutput({ writeErr: () => undefined });
  await expect(program.parseAsync(['sim', 'zk', '--record-size', '32'], { from: 'user' })).rejects.toThrow(/not a record size/);
});

it('plays the device-read faults a trial asks for: no serial, a miscounted log, "disable" ignored', async () => {
  const port = await freePort();
  const printed: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => printed.push(String(text)) > 0);
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const program = new Command('punchbridge').option('--json').exitOverride();
  registerZkSimCommand(program.command('sim'), () => stopped);
  const args = ['sim', 'zk', '--port', String(port), '--records', '10', '--refuse-serial', '--misreport-count', 'half', '--ignore-disable', '--stays-disabled'];
  const running = program.parseAsync(args, { from: 'user' });

  await vi.waitFor(() => expect(printed).toHaveLength(1));
  expect(printed[0]).toBe(`ZK simulator listening on 127.0.0.1:${port} (TCP+UDP), no serial number, 10 users, 10 records\n`);
  const client = await RawTcpClient.connect(port);
  await client.command(1000);
  expect((await client.command(CMD_OPTIONS_RRQ, Buffer.from('~SerialNumber\0'))).command).toBe(CMD_ACK_ERROR);
  expect((await client.command(CMD_GET_FREE_SIZES)).data.readInt32LE(32)).toBe(5);
  stop();
  await running;
  await client.closed;
});
