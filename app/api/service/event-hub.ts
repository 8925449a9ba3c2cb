import type { PunchbridgeEvent, PunchbridgeEvents } from '../contract';

/** Fans events out to the UI's subscribers; a listener that throws never stops the others. */
export interface EventHub extends PunchbridgeEvents {
  emit(event: PunchbridgeEvent): void;
}

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Set<(event: PunchbridgeEvent) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
