import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../testing/temp-folders';
import { createPunchbridgeService, type PunchbridgeService } from '.';

describe('device names', () => {
  let service: PunchbridgeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('refuses a second device of the same name, whatever its case and spacing, and says what to do', async () => {
    service = await createPunchbridgeService({ dataDir: tempFolder('device-names'), mode: 'headless' });
    await service.setPaused({ paused: true });
    const first = await service.addDevice({ name: 'Warehouse', host: '192.168.1.201' });
    expect(first.ok).toBe(true);
    expect(await service.addDevice({ name: ' warehouse ', host: '192.168.1.202' })).toEqual({
      ok: false,
      error: {
        code: 'device-name-taken',
        message: 'Another device is already called "Warehouse".',
        action: 'Give this one a name of its own, such as "Warehouse 2" or "Warehouse back door": lists and the punchbridge command pick devices by name.',
      },
    });
    const second = await service.addDevice({ name: 'Main gate', host: '192.168.1.202' });
    if (!second.ok) throw new Error(second.error.message);
    expect(await service.updateDevice({ id: second.value.id, changes: { name: 'WAREHOUSE' } })).toMatchObject({ ok: false, error: { code: 'device-name-taken' } });
    // Keeping its own name, or changing only its case, is no clash.
    expect(await service.updateDevice({ id: first.ok ? first.value.id : '', changes: { name: 'WareHouse', port: 4371 } })).toMatchObject({ ok: true });
    expect((await service.listDevices()).map((device) => device.name).sort()).toEqual(['Main gate', 'WareHouse']);
  });
});
