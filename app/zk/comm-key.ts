import { COMM_KEY_TICKS } from './constants';

const ZKSO = [0x5a, 0x4b, 0x53, 0x4f];

/**
 * The 4 bytes CMD_AUTH carries for comm key `key` in session `sessionId` (docs/zk-protocol.md §1.5,
 * the vendor's MakeKey). The third byte is the ticks value itself; a device recomputes with it.
 */
export function makeCommKey(key: number, sessionId: number, ticks = COMM_KEY_TICKS): Buffer {
  let reversed = 0;
  for (let bit = 0; bit < 32; bit++) reversed = ((reversed << 1) | ((key >>> bit) & 1)) >>> 0;
  const mixed = Buffer.alloc(4);
  mixed.writeUInt32LE((reversed + sessionId) >>> 0);
  for (let i = 0; i < 4; i++) mixed[i] = mixed[i]! ^ ZKSO[i]!;
  const swapped = [mixed[2]!, mixed[3]!, mixed[0]!, mixed[1]!];
  const tick = ticks & 0xff;
  return Buffer.from([swapped[0]! ^ tick, swapped[1]! ^ tick, tick, swapped[3]! ^ tick]);
}
