// The live picture of a run for the UI and the tray: each device's phase and bytes, and how far
// pushing has got. Every change is sent to the listener as a fresh RunProgress snapshot.
import type { DevicePhase, DeviceProgress, RunProgress, RunTrigger } from '../vocabulary';

export interface RunProgressTracker {
  device(deviceId: string, phase: DevicePhase, bytesRead?: number, bytesTotal?: number): void;
  push(done: number, total: number): void;
  snapshot(): RunProgress;
}

/** Push progress is sent at most this often (and always at the end): 100,000 events would swamp the UI. */
export const PUSH_PROGRESS_INTERVAL_MS = 100;

export function trackRunProgress(
  run: { runId: number; trigger: RunTrigger; startedAt: string },
  devices: readonly { id: string; name: string }[],
  emit: (progress: RunProgress) => void,
  now: () => number,
): RunProgressTracker {
  let lastPushEmit = Number.NEGATIVE_INFINITY;
  const state: RunProgress = {
    ...run,
    devices: devices.map((device): DeviceProgress => ({ deviceId: device.id, deviceName: device.name, phase: 'waiting', bytesRead: 0, bytesTotal: 0 })),
    push: { done: 0, total: 0 },
  };
  const snapshot = (): RunProgress => ({ ...state, devices: state.devices.map((device) => ({ ...device })), push: { ...state.push } });
  return {
    device(deviceId, phase, bytesRead, bytesTotal) {
      const device = state.devices.find((entry) => entry.deviceId === deviceId);
      if (!device) return;
      // Bytes belong to one read; a new phase starts from zero unless it reports its own.
      if (device.phase !== phase) Object.assign(device, { phase, bytesRead: 0, bytesTotal: 0 });
      if (bytesRead !== undefined) device.bytesRead = bytesRead;
      if (bytesTotal !== undefined) device.bytesTotal = bytesTotal;
      emit(snapshot());
    },
    push(done, total) {
      state.push = { done, total };
      const at = now();
      if (done !== total && done !== 0 && at - lastPushEmit < PUSH_PROGRESS_INTERVAL_MS) return;
      lastPushEmit = at;
      emit(snapshot());
    },
    snapshot,
  };
}

/** Runs `work` over `items` with at most `limit` at once; results in input order. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
