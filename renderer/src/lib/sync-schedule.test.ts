import { describe, expect, it } from 'vitest';
import { describeSchedule, type ScheduleStatus } from './sync-schedule';

const between: ScheduleStatus = { running: false, progress: null, paused: false, nextRunAt: '2026-11-25 09:45:00', devicesConfigured: true, erpnextConfigured: true };

describe('the schedule line', () => {
  it('gives the next sync time between runs', () => {
    expect(describeSchedule(between)).toEqual({ text: 'Next sync 25 Nov 2026, 09:45', tone: 'quiet' });
  });

  it('says a sync is under way while the scheduler plans no next one', () => {
    const running = { ...between, running: true, nextRunAt: null, progress: { runId: 4, trigger: 'manual' as const, startedAt: '2026-11-25T09:45:00.000Z', devices: [], push: { done: 3, total: 40 } } };
    expect(describeSchedule(running)).toEqual({ text: 'Syncing now: sending 3 of 40 punches to ERPNext', tone: 'running' });
    expect(describeSchedule({ ...running, paused: true, devicesConfigured: false, progress: null }).text).toBe('Syncing now…');
  });

  it('says when automatic sync is off', () => {
    expect(describeSchedule({ ...between, paused: true, nextRunAt: null })).toEqual({ text: 'Automatic sync is paused', tone: 'paused' });
  });

  it('promises no sync before a device is added', () => {
    expect(describeSchedule({ ...between, devicesConfigured: false, erpnextConfigured: false }).text).toBe('Nothing to sync yet: add a device');
  });

  it('says a sync without ERPNext only reads the devices', () => {
    expect(describeSchedule({ ...between, erpnextConfigured: false }).text).toBe('Next sync 25 Nov 2026, 09:45: reads the devices only, ERPNext is not connected');
  });

  it('says so when no run is planned at all', () => {
    expect(describeSchedule({ ...between, nextRunAt: null }).text).toBe('No sync scheduled');
  });
});
