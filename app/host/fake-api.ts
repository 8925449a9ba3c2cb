// A stand-in PunchbridgeApi for the host's and the Electron shell's tests: every method records its
// argument and answers from `answers` (or with { ok: true, value: null }), and events can be emitted.
import { PUNCHBRIDGE_API_METHODS, type PunchbridgeApi, type PunchbridgeApiMethod, type PunchbridgeEvent, type PunchbridgeEvents } from '../api/contract';

export interface FakeApi extends PunchbridgeApi, PunchbridgeEvents {
  calls: { method: PunchbridgeApiMethod; input: unknown }[];
  emit(event: PunchbridgeEvent): void;
  listenerCount(): number;
}

export function createFakeApi(answers: Partial<Record<PunchbridgeApiMethod, (input: unknown) => unknown>> = {}): FakeApi {
  const listeners = new Set<(event: PunchbridgeEvent) => void>();
  const fake = {
    calls: [] as FakeApi['calls'],
    emit: (event: PunchbridgeEvent) => listeners.forEach((listener) => listener(event)),
    listenerCount: () => listeners.size,
    subscribe(listener: (event: PunchbridgeEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as Record<string, unknown>;
  for (const method of PUNCHBRIDGE_API_METHODS) {
    fake[method] = async (input: unknown) => {
      (fake.calls as FakeApi['calls']).push({ method, input });
      const answer = answers[method];
      return answer ? answer(input) : { ok: true, value: null };
    };
  }
  return fake as unknown as FakeApi;
}
