import { describe, expect, it } from 'vitest';
import type { DevicePhase, RunProgress } from './runs';
import { describeSyncActivity, syncingNowText } from './sync-activity';

function progress(phases: DevicePhase[], push = { done: 0, total: 0 }): RunProgress {
  const names = ['Main gate', 'Warehouse', 'Canteen'];
  return {
    runId: 3,
    trigger: 'schedule',
    startedAt: '2026-11-25T09:15:00.000Z',
    devices: phases.map((phase, index) => ({ deviceId: `dev-${index}`, deviceName: names[index]!, phase, bytesRead: 0, bytesTotal: 0 })),
    push,
  };
}

describe('what a running sync is doing', () => {
  it('names the one device being read and what is read from it', () => {
    expect(describeSyncActivity(progress(['connecting', 'waiting']))).toBe('connecting to Main gate');
    expect(describeSyncActivity(progress(['done', 'reading-records']))).toBe('reading punches from Warehouse');
    expect(describeSyncActivity(progress(['failed', 'done', 'clearing']))).toBe('clearing the log of Canteen');
  });

  it('counts the devices read at once', () => {
    expect(describeSyncActivity(progress(['reading-users', 'saving', 'waiting']))).toBe('reading 2 devices');
  });

  it('counts the punches sent once the devices are read', () => {
    expect(describeSyncActivity(progress(['done', 'failed'], { done: 1200, total: 4500 }))).toBe('sending 1,200 of 4,500 punches to ERPNext');
    expect(describeSyncActivity(progress(['done'], { done: 0, total: 1 }))).toBe('sending 0 of 1 punch to ERPNext');
  });

  it('has nothing to add before the first step and between the steps', () => {
    expect(syncingNowText(null)).toBe('Syncing now…');
    expect(syncingNowText(progress(['waiting', 'waiting']))).toBe('Syncing now…');
    expect(syncingNowText(progress(['done', 'done']))).toBe('Syncing now…');
    expect(syncingNowText(progress(['reading-records']))).toBe('Syncing now: reading punches from Main gate');
  });
});
