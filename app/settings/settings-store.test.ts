import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { openSettings, settingsStoreFrom } from '.';

const dataDir = () => tempFolder('settings');

const CONNECTION = { url: 'https://erp.example.com', apiKey: 'a1b2c3d4e5' };

describe('openSettings', () => {
  it('gives defaults before anything is saved', () => {
    const settings = openSettings(dataDir());
    expect(settings.getErpnext()).toBeNull();
    expect(settings.getSchedule()).toEqual({ intervalMinutes: 15, runAtStart: true, paused: false });
    expect(settings.getSyncSettings()).toMatchObject({ importStartDate: null, pushConcurrency: 4, shiftTypes: [], clockSkewWarningSeconds: 120 });
    expect(settings.getPreferences()).toEqual({ startAtLogin: false, startMinimised: false, closeToTray: true });
    expect(settings.problems()).toEqual([]);
  });

  it('round-trips every section through config.json in the data folder', () => {
    const folder = dataDir();
    const settings = openSettings(folder);
    settings.setErpnext({ ...CONNECTION, serverTimeZone: 'Asia/Kolkata' });
    settings.setSchedule({ intervalMinutes: 5, runAtStart: false });
    settings.setPaused(true);
    settings.setSchedule({ intervalMinutes: 30 });
    settings.setSyncSettings({ importStartDate: '2026-01-01', pushConcurrency: 8 });
    settings.setPreferences({ startAtLogin: true });

    const reopened = openSettings(folder);
    expect(reopened.getErpnext()).toMatchObject({ url: 'https://erp.example.com', apiKey: 'a1b2c3d4e5', serverTimeZone: 'Asia/Kolkata', verifyTls: true });
    expect(reopened.getSchedule()).toEqual({ intervalMinutes: 30, runAtStart: true, paused: true });
    expect(reopened.getSyncSettings()).toMatchObject({ importStartDate: '2026-01-01', pushConcurrency: 8 });
    expect(reopened.getPreferences().startAtLogin).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'))).toHaveProperty('schedule.intervalMinutes', 30);
  });

  it('never writes an API secret into the settings file', () => {
    const folder = dataDir();
    openSettings(folder).setErpnext({ ...CONNECTION, apiSecret: 'top-secret-value' } as typeof CONNECTION);
    expect(readFileSync(join(folder, 'config.json'), 'utf8')).not.toContain('top-secret-value');
  });

  it('falls back to defaults for a hand-edited bad value, and says what is wrong', () => {
    const folder = dataDir();
    writeFileSync(join(folder, 'config.json'), JSON.stringify({ schedule: { intervalMinutes: 0 }, erpnext: { url: 'erp.example.com', apiKey: 'k' }, preferences: { closeToTray: false } }));
    const settings = openSettings(folder);
    expect(settings.getSchedule().intervalMinutes).toBe(15);
    expect(settings.getErpnext()).toBeNull();
    expect(settings.getPreferences().closeToTray).toBe(false);
    const problems = settings.problems();
    expect(problems.map((problem) => problem.code)).toEqual(['settings-invalid', 'settings-invalid']);
    expect(problems[1]!.message).toMatch(/schedule settings in .*config\.json could not be used \(intervalMinutes: Sync at most once a minute\)/);
    settings.setSchedule({ intervalMinutes: 10 });
    expect(settings.problems()).toHaveLength(1);
  });

  it('sets aside a settings file that is not JSON and starts with defaults', () => {
    const folder = dataDir();
    writeFileSync(join(folder, 'config.json'), '{ "schedule": { "intervalMinutes": 5, } ');
    const settings = openSettings(folder);
    expect(settings.getSchedule().intervalMinutes).toBe(15);
    expect(settings.problems()[0]).toMatchObject({ code: 'settings-unreadable', message: expect.stringMatching(/was not valid JSON/) });
    const keptName = readdirSync(folder).find((name) => name.startsWith('config.json.unreadable-'))!;
    expect(readFileSync(join(folder, keptName), 'utf8')).toContain('"intervalMinutes": 5');
    settings.setPaused(true);
    expect(openSettings(folder).getSchedule().paused).toBe(true);
  });
});

describe('settingsStoreFrom', () => {
  it('works over any get/set backing, as electron-store offers', () => {
    const values = new Map<string, unknown>();
    const settings = settingsStoreFrom({ get: (key) => values.get(key), set: (key, value) => values.set(key, value) });
    settings.setSyncSettings({ pushConcurrency: 2 });
    expect(values.get('sync')).toMatchObject({ pushConcurrency: 2, importStartDate: null });
    expect(settings.getSyncSettings().pushConcurrency).toBe(2);
  });
});
