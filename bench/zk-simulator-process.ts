// The ZK simulator in a process of its own, as a device would be, so that its work and garbage do
// not count against the client being measured. A bench file calls serveSimulatorIfAsked() at its
// top level and startSimulatorProcess() to get a port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startZkSimulator, type ZkSimulatorOptions } from '../app/sim/zk';

const SERVE_FLAG = '--serve-zk-simulator';

/** In the child: start the simulator with the options passed as JSON and print its port. */
export async function serveSimulatorIfAsked(): Promise<void> {
  const at = process.argv.indexOf(SERVE_FLAG);
  if (at === -1) return;
  const simulator = await startZkSimulator(JSON.parse(process.argv[at + 1]!) as ZkSimulatorOptions);
  console.log(`listening ${simulator.port}`);
}

/** Runs `benchFile` (a bench module that calls serveSimulatorIfAsked) as a simulator process. */
export async function startSimulatorProcess(benchFile: string, options: ZkSimulatorOptions): Promise<{ port: number; child: ChildProcess }> {
  const args = ['--import', 'tsx', benchFile, SERVE_FLAG, JSON.stringify(options)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /^listening (\d+)$/.exec(line);
    if (match) return { port: Number(match[1]), child };
  }
  throw new Error('The simulator process ended before listening');
}
