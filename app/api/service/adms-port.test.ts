import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';
import { parseApiInput } from '../contract';

describe('the ADMS port', () => {
  let service: PunchbridgeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('refuses a privileged port with the reason, at the door', () => {
    expect(parseApiInput('saveSyncSettings', { admsPort: 80 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('admsPort: Ports below 1024 belong to system services (80 is the web)') },
    });
    expect(parseApiInput('saveSyncSettings', { admsPort: 8081 }).ok).toBe(true);
  });

  it('opens on every interface of a real install, and says which addresses', async () => {
    service = await createPunchbridgeService({ dataDir: tempFolder('adms-port'), mode: 'headless' });
    const reach = await service.admsReach();
    expect(reach.everyInterface).toBe(true);
    expect(reach.addresses).not.toContain('127.0.0.1');
  });

  it('never opens to the network in demo mode', async () => {
    service = await createPunchbridgeService({ dataDir: tempFolder('adms-port'), mode: 'demo' });
    expect(await service.admsReach()).toEqual({ everyInterface: false, addresses: ['127.0.0.1'] });
  });
});
