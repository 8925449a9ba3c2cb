// "Save a trace for support": one read-only session with a saved device, every packet recorded.
import { probeDevice, ZkTrace } from '../../zk';
import { deviceCommKeyName } from '../../settings';
import { connectOptionsFor } from '../../sync';
import type { PunchbridgeApi } from '../contract';
import type { ServiceContext } from './context';
import { noSuchDevice } from './devices';

const TRACE_ANSWER_TIMEOUT_MS = 8000;

export function deviceTraceMethods(context: ServiceContext): Pick<PunchbridgeApi, 'saveDeviceTrace'> {
  return {
    async saveDeviceTrace({ id }) {
      const device = context.journal.getDevice(id);
      if (!device) return { ok: false, error: noSuchDevice(id) };
      const commKey = context.secrets.get(deviceCommKeyName(device.id));
      const trace = new ZkTrace();
      const session = await probeDevice(
        { ...connectOptionsFor(device, commKey), timeoutMs: TRACE_ANSWER_TIMEOUT_MS, trace },
        { users: true, records: true },
        () => new Date(context.clock.now()),
      );
      context.log.info(`Support trace of ${device.name}: ${trace.packetCount} packets${session.ok ? '' : `, session failed: ${session.error.message}`}`);
      const stamp = new Date(context.clock.now()).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      return {
        ok: true,
        value: {
          fileName: `punchbridge-trace-${device.id}-${stamp}.json`,
          trace: `${JSON.stringify(trace.toFile(), null, 1)}\n`,
          packetCount: trace.packetCount,
          sessionError: session.ok ? null : session.error,
        },
      };
    },
  };
}
