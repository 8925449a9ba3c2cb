import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { localTimeZone } from '../../vocabulary';
import { instantToWallClock } from '../../sync';
import { createPunchbridgeService, type PunchbridgeService } from '.';

describe('the punch CSV export', () => {
  let service: PunchbridgeService | undefined;
  let dataDir: string;
  afterEach(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the words HR sees in the punch list, and this computer\'s times with the zone in the header', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-export-'));
    service = await createPunchbridgeService({ dataDir, mode: 'demo' });
    await service.setPaused({ paused: true });
    await service.syncNow();
    const exported = await service.exportPunchesCsv({});
    if (!exported.ok) throw new Error(exported.error.message);
    const rows = parse(exported.value.csv, { columns: true, bom: true }) as Record<string, string>[];
    const { counts } = await service.getStatus();
    expect(rows).toHaveLength(Object.values(counts).reduce((sum, count) => sum + count, 0));
    expect(counts.rejected).toBeGreaterThan(0);
    expect(counts.unmatched).toBeGreaterThan(0);

    expect(rows.filter((row) => row.State === 'Refused by ERPNext')).toHaveLength(counts.rejected);
    expect(rows.filter((row) => row.State === 'No employee')).toHaveLength(counts.unmatched);
    expect(rows.filter((row) => row.State === 'In ERPNext')).toHaveLength(counts.synced);
    expect(new Set(rows.map((row) => row['How it arrived']))).toEqual(new Set(['Read from the device']));
    for (const row of rows) {
      expect(['IN', 'OUT', '']).toContain(row['Log type']);
      expect(row['Key pressed']).toMatch(/^(Check in|Check out|Break out|Break in|Overtime in|Overtime out|No key|Key \d+)$/);
      expect(row['Verified by']).toMatch(/^(Password|Fingerprint|Card|Face|Palm|Other \(\d+\))$/);
    }

    const zone = localTimeZone();
    const first = (await service.queryPunches({ limit: 1 })).rows[0]!;
    const firstRow = rows.find((row) => row['User ID'] === first.userId && row['Device time'] === first.deviceTime)!;
    expect(firstRow[`Received (${zone})`]).toBe(instantToWallClock(new Date(first.receivedAt), zone));
    const sent = rows.find((row) => row.State === 'In ERPNext')!;
    expect(sent[`Sent to ERPNext (${zone})`]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
