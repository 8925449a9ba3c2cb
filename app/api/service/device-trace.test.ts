import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../testing/temp-folders';
import { parseZkTrace } from '../../zk';
import { createPunchbridgeService, type PunchbridgeService } from '.';

describe('saveDeviceTrace', () => {
  let service: PunchbridgeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('records a session with a saved device as a masked trace file, and says when there is no such device', async () => {
    service = await createPunchbridgeService({ dataDir: tempFolder('trace-service'), mode: 'demo' });
    await service.setPaused({ paused: true });
    const [device] = await service.listDevices();
    const saved = await service.saveDeviceTrace({ id: device!.id });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.sessionError).toBeNull();
    expect(saved.value.fileName).toMatch(new RegExp(`^punchbridge-trace-${device!.id}-\\d{8}-\\d{6}\\.json$`));
    const trace = parseZkTrace(saved.value.trace);
    expect(trace.packets).toHaveLength(saved.value.packetCount);
    expect(trace.masked).toContain('user names');

    expect(await service.saveDeviceTrace({ id: 'no-such-device' })).toMatchObject({ ok: false, error: { code: 'no-such-device' } });
  });
});
