import type { ZkError } from './errors';
import type { ZkPacket } from './packet';

/**
 * Packets waiting for the one reader the session has at a time. take() resolves with the next
 * packet, null when the signal aborts, or rejects with the timeout error or the connection's end.
 */
export class PacketQueue {
  private readonly packets: ZkPacket[] = [];
  private failure: ZkError | null = null;
  private waiter: { resolve: (packet: ZkPacket | null) => void; reject: (error: ZkError) => void } | null = null;

  push(packet: ZkPacket): void {
    if (this.waiter) this.waiter.resolve(packet);
    else this.packets.push(packet);
  }

  fail(error: ZkError): void {
    this.failure ??= error;
    this.waiter?.reject(error);
  }

  take(timeoutMs: number | null, onTimeout: () => ZkError, signal?: AbortSignal): Promise<ZkPacket | null> {
    const queued = this.packets.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === null ? undefined : setTimeout(() => settle(() => reject(onTimeout())), timeoutMs);
      const onAbort = () => settle(() => resolve(null));
      const settle = (finish: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = null;
        finish();
      };
      signal?.addEventListener('abort', onAbort);
      this.waiter = {
        resolve: (packet) => settle(() => resolve(packet)),
        reject: (error) => settle(() => reject(error)),
      };
    });
  }
}
