import { describe, expect, it } from 'vitest';
import { logTypeFor } from './log-type';

const auto = { logTypeRule: 'auto' as const, inStates: [0, 4], outStates: [1, 5] };

describe('logTypeFor', () => {
  it('reads the device defaults: 0 and 4 are IN, 1 and 5 are OUT, breaks and 255 are none', () => {
    expect([0, 1, 2, 3, 4, 5, 255].map((code) => logTypeFor(code, auto))).toEqual(['IN', 'OUT', null, null, 'IN', 'OUT', null]);
  });

  it('follows configured codes', () => {
    const custom = { logTypeRule: 'auto' as const, inStates: [3], outStates: [2] };
    expect([0, 1, 2, 3].map((code) => logTypeFor(code, custom))).toEqual([null, null, 'OUT', 'IN']);
  });

  it('always IN, always OUT, or none, whatever the state', () => {
    for (const code of [0, 1, 5, 255]) {
      expect(logTypeFor(code, { ...auto, logTypeRule: 'in' })).toBe('IN');
      expect(logTypeFor(code, { ...auto, logTypeRule: 'out' })).toBe('OUT');
      expect(logTypeFor(code, { ...auto, logTypeRule: 'none' })).toBeNull();
    }
  });
});
