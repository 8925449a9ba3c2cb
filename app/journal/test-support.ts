// Shared by the journal's tests: a real journal file in a temp folder, and a plain device config.
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { tempFolder as tempFolderNamed } from '../testing/temp-folders';
import { DeviceInputSchema, type DeviceConfig, type DeviceInput } from '../vocabulary';
import { openJournal, type Journal } from './journal';
import type { PunchRecord } from './types';

const journals: Journal[] = [];

afterEach(() => {
  for (const journal of journals.splice(0)) journal.close();
});

export const tempFolder = (): string => tempFolderNamed('journal');

/** A journal in its own temp file, closed after the test; the clock reads 2026-03-02 09:00 UTC. */
export function tempJournal(filePath = join(tempFolder(), 'journal.sqlite'), now = () => new Date('2026-03-02T09:00:00.000Z')): Journal {
  const journal = openJournal(filePath, { now });
  journals.push(journal);
  return journal;
}

export function deviceConfig(input: Partial<DeviceInput> = {}): DeviceConfig {
  return DeviceInputSchema.parse({ name: 'Main gate', host: '192.168.1.201', ...input });
}

export function punch(userId: string, deviceTime: string, punchStateCode = 0): PunchRecord {
  return { userId, deviceTime, punchStateCode, verifyType: 1 };
}

export const SENT = { serverTime: '2026-03-01 08:00:00', logType: 'IN' as const, timeNote: null, employee: 'HR-EMP-0001', employeeName: 'Asha Rao' };
