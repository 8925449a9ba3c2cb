import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './file-base64';

describe('bytesToBase64', () => {
  it('encodes every byte value as Node does', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('encodes a file larger than one slice without losing the seams', () => {
    const bytes = Uint8Array.from({ length: 100_001 }, (_, index) => (index * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
