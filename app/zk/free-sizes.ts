// The GET_FREE_SIZES reply: 23 little-endian i32 (docs/zk-protocol.md §1.8).
import { malformedData } from './errors';

export interface ZkSizes {
  users: number;
  userCapacity: number;
  fingers: number;
  fingerCapacity: number;
  records: number;
  recordCapacity: number;
  /** Face templates, on devices that report them (null when the reply stops before them). */
  faces: number | null;
  faceCapacity: number | null;
}

const MAIN_BLOCK_BYTES = 80;
const WITH_FACES_BYTES = 92;

export function decodeFreeSizes(data: Buffer): ZkSizes {
  if (data.length < MAIN_BLOCK_BYTES) throw malformedData(`a size report of ${data.length} bytes; it needs at least ${MAIN_BLOCK_BYTES}`);
  const int = (index: number) => data.readInt32LE(index * 4);
  const hasFaces = data.length >= WITH_FACES_BYTES;
  return {
    users: int(4),
    fingers: int(6),
    records: int(8),
    fingerCapacity: int(14),
    userCapacity: int(15),
    recordCapacity: int(16),
    faces: hasFaces ? int(20) : null,
    faceCapacity: hasFaces ? int(22) : null,
  };
}
