// Schedule, sync settings and app preferences.
import type { PunchbridgeApi, Schedule } from '../contract';
import { readLogLines } from '../../log';
import type { ServiceContext } from './context';

type SettingsMethods = Pick<
  PunchbridgeApi,
  'getSchedule' | 'setSchedule' | 'setPaused' | 'getSyncSettings' | 'saveSyncSettings' | 'getPreferences' | 'setPreferences' | 'listRuns' | 'getRun' | 'readLog'
>;

export function settingsMethods(context: ServiceContext): SettingsMethods {
  const { settings, scheduler, journal } = context;
  const schedule = (): Schedule => {
    const stored = settings.getSchedule();
    const state = scheduler.state();
    return { intervalMinutes: stored.intervalMinutes, runAtStart: stored.runAtStart, paused: state.paused, nextRunAt: state.nextRunAt === null ? null : new Date(state.nextRunAt).toISOString() };
  };
  return {
    async getSchedule() {
      return schedule();
    },
    async setSchedule(input) {
      const stored = settings.setSchedule(input);
      scheduler.setInterval(stored.intervalMinutes);
      return { ok: true, value: schedule() };
    },
    async setPaused({ paused }) {
      settings.setPaused(paused);
      if (paused) scheduler.pause();
      else scheduler.resume();
      context.log.info(paused ? 'Schedule paused' : 'Schedule resumed');
      return schedule();
    },
    async getSyncSettings() {
      return settings.getSyncSettings();
    },
    async saveSyncSettings(input) {
      const saved = settings.setSyncSettings(input);
      if (saved.importStartDate) journal.ignoreBefore(saved.importStartDate);
      context.announceStatus();
      return { ok: true, value: saved };
    },
    async getPreferences() {
      return settings.getPreferences();
    },
    async setPreferences(input) {
      return { ok: true, value: settings.setPreferences(input) };
    },
    async listRuns({ limit }) {
      return journal.listRuns(limit ?? 50);
    },
    async getRun({ id }) {
      return journal.getRun(id);
    },
    async readLog({ lines }) {
      return readLogLines(lines ?? 500);
    },
  };
}
