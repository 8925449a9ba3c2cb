import { afterEach, describe, expect, it } from 'vitest';
import { startZkSimulator, type ZkSimulator } from '../sim/zk';
import { scanForSerial, subnetHosts, subnetOf } from './serial-scan';

const running: ZkSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

describe('finding a terminal that moved', () => {
  it('finds the serial on its new address among other terminals of the subnet', async () => {
    // The neighbour answers first in address order: only the serial tells the two apart.
    const neighbour = await startZkSimulator({ host: '127.0.0.12', serialNumber: 'OTHER0000001', userCount: 1, recordCount: 0 });
    running.push(neighbour);
    const moved = await startZkSimulator({ host: '127.0.0.23', port: neighbour.port, serialNumber: 'CKJP221260123', userCount: 1, recordCount: 0, commKey: 99 });
    running.push(moved);

    const result = await scanForSerial({ serial: 'CKJP221260123', subnet: subnetOf('127.0.0.9')!, port: neighbour.port, commKey: 99 });
    expect(result.found).toEqual({ host: '127.0.0.23', port: neighbour.port });
    expect(result.scanned).toBe(254);
  });

  it('says so when no unit on the subnet carries the serial', async () => {
    const neighbour = await startZkSimulator({ host: '127.0.0.40', serialNumber: 'OTHER0000001', userCount: 1, recordCount: 0 });
    running.push(neighbour);
    const result = await scanForSerial({ serial: 'CKJP221260123', subnet: '127.0.0.0/26', port: neighbour.port });
    expect(result.found).toBeNull();
    expect(result.others).toEqual([{ host: '127.0.0.40', serial: 'OTHER0000001' }]);
  });

  it('keeps the scan bounded', () => {
    expect(subnetHosts('127.0.0.0/30')).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(subnetHosts('10.1.2.77/22')).toHaveLength(1022);
    expect(() => subnetHosts('10.0.0.0/16')).toThrow(/at most 1024/);
    expect(() => subnetHosts('printer.local/24')).toThrow(RangeError);
    expect(subnetOf('terminal.example')).toBeNull();
  });
});
