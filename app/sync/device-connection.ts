// How a configured device is reached on port 4370: its address, transport, comm key, name encoding
// and the patience its Timeout setting gives slow steps. One place, so that a sync run, live
// capture, user writes and support traces all treat a device alike.
import type { DeviceConfig } from '../vocabulary';
import type { ZkConnectOptions } from '../zk';

export type ReachableDevice = Pick<DeviceConfig, 'host' | 'port' | 'transport' | 'nameEncoding' | 'timeoutSeconds'>;

export function connectOptionsFor(device: ReachableDevice, commKey: string | null): ZkConnectOptions {
  return {
    host: device.host,
    port: device.port,
    transport: device.transport,
    commKey: commKey ? Number(commKey) : undefined,
    nameEncoding: device.nameEncoding,
    slowTimeoutMs: device.timeoutSeconds * 1000,
  };
}
