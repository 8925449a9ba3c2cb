/**
 * ZK packet checksum (docs/zk-protocol.md §1.2): ones' complement of the sum of the packet as
 * little-endian 16-bit words, with the checksum field zeroed; an odd last byte counts as a word
 * with a zero high byte.
 */
export function zkChecksum(packet: Uint8Array): number {
  let sum = 0;
  const evenLength = packet.length & ~1;
  for (let offset = 0; offset < evenLength; offset += 2) sum += packet[offset]! | (packet[offset + 1]! << 8);
  if (packet.length & 1) sum += packet[packet.length - 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return 0xffff - sum;
}
