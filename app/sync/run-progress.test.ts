import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../vocabulary';
import { mapWithLimit, trackRunProgress } from './run-progress';

const run = { runId: 1, trigger: 'manual' as const, startedAt: '2026-11-25T09:00:00.000Z' };

describe('trackRunProgress', () => {
  it('keeps each device\'s phase and bytes, starting bytes over in a new phase', () => {
    const seen: RunProgress[] = [];
    const tracker = trackRunProgress(run, [{ id: 'a', name: 'Gate' }], (progress) => seen.push(progress), () => 0);
    tracker.device('a', 'reading-records', 100, 400);
    tracker.device('a', 'saving');
    expect(seen.map((progress) => progress.devices[0])).toEqual([
      { deviceId: 'a', deviceName: 'Gate', phase: 'reading-records', bytesRead: 100, bytesTotal: 400 },
      { deviceId: 'a', deviceName: 'Gate', phase: 'saving', bytesRead: 0, bytesTotal: 0 },
    ]);
    seen[0]!.devices[0]!.phase = 'failed';
    expect(tracker.snapshot().devices[0]!.phase).toBe('saving');
  });

  it('sends push progress at most every 100 ms, but always the start and the end', () => {
    let now = 0;
    const seen: RunProgress[] = [];
    const tracker = trackRunProgress(run, [], (progress) => seen.push(progress), () => now);
    tracker.push(0, 1000);
    for (let done = 1; done <= 1000; done++) {
      now += 1;
      tracker.push(done, 1000);
    }
    expect(seen.map((progress) => progress.push.done)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});

describe('mapWithLimit', () => {
  it('runs at most `limit` at once and keeps the input order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapWithLimit([5, 1, 3, 2, 4], 2, async (value) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, value));
      running--;
      return value * 10;
    });
    expect(results).toEqual([50, 10, 30, 20, 40]);
    expect(most).toBe(2);
  });
});
