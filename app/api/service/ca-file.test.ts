// The CA file is a path a person typed: a FIFO, a device or a huge file must not freeze or sink the
// service, now or at the next start.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_API_SECRET } from '../../sim/erpnext';
import { ERPNEXT_API_SECRET, openFileSecretStore, openSettings } from '../../settings';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

let service: PunchbridgeService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function serviceWithCaFile(caFile: string): Promise<PunchbridgeService> {
  const dataDir = tempFolder('ca-file');
  const settings = openSettings(dataDir);
  settings.setErpnext({ url: 'https://127.0.0.1:9', apiKey: DEFAULT_API_KEY, serverTimeZone: 'UTC', caFile: caFile || null });
  settings.setPaused(true);
  openFileSecretStore(dataDir).set(ERPNEXT_API_SECRET, DEFAULT_API_SECRET);
  service = await createPunchbridgeService({ dataDir, mode: 'headless' });
  return service;
}

describe.skipIf(process.platform === 'win32')('the ERPNext CA file', { timeout: 20_000 }, () => {
  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(tempFolder('ca-fifo'), 'ca.pem');
    execFileSync('mkfifo', [fifo]);
    const api = await serviceWithCaFile(fifo);
    expect(await api.testErpnext(undefined)).toMatchObject({ ok: false, error: { code: 'erpnext-ca-file', message: expect.stringMatching(/not a regular file/) } });
  });

  it('refuses a device such as /dev/zero instead of reading it until memory runs out', async () => {
    const api = await serviceWithCaFile('/dev/zero');
    expect(await api.testErpnext(undefined)).toMatchObject({ ok: false, error: { code: 'erpnext-ca-file', message: expect.stringMatching(/not a regular file/) } });
  });

  it('refuses a file far larger than any CA bundle', async () => {
    const huge = join(tempFolder('ca-huge'), 'ca.pem');
    writeFileSync(huge, Buffer.alloc(3 * 1024 * 1024, 65));
    const api = await serviceWithCaFile(huge);
    expect(await api.testErpnext(undefined)).toMatchObject({ ok: false, error: { code: 'erpnext-ca-file', message: expect.stringMatching(/larger than/) } });
  });

  it('is checked when the settings are saved, so a bad path never becomes the saved one', async () => {
    const api = await serviceWithCaFile('');
    const saved = await api.saveErpnextSettings({ url: 'https://erp.example.com', apiKey: DEFAULT_API_KEY, caFile: '/dev/zero' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'erpnext-ca-file' } });
    expect((await api.getErpnextSettings())?.caFile).toBe(null);
  });
});
