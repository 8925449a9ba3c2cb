import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

// The demo's Back office clock runs 7 minutes ahead.
describe('setting a device clock', () => {
  let service: PunchbridgeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('shows the clock as right at once, without waiting for the next sync', async () => {
    service = await createPunchbridgeService({ dataDir: tempFolder('device-time'), mode: 'demo' });
    await service.setPaused({ paused: true });
    await service.syncNow();
    const backOffice = (await service.listDevices()).find((device) => device.name === 'Back office')!;
    expect(backOffice).toMatchObject({ status: 'warning' });
    expect(backOffice.clockSkewSeconds).toBeGreaterThan(400);

    const set = await service.setDeviceTime({ id: backOffice.id });
    expect(set.ok).toBe(true);
    const after = (await service.listDevices()).find((device) => device.id === backOffice.id)!;
    expect(after.status).toBe('ok');
    expect(Math.abs(after.clockSkewSeconds!)).toBeLessThanOrEqual(2);
  });
});
