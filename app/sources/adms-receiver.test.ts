import { afterEach, describe, expect, it } from 'vitest';
import { AdmsDeviceSimulator } from '../sim/adms';
import { startAdmsReceiver, timeZoneOption, utcOffsetHours, type AdmsReceiver } from './adms-receiver';
import { memoryAdmsSink as memorySink } from './adms-test-support';

describe('ADMS push receiver', () => {
  let receiver: AdmsReceiver | undefined;
  afterEach(async () => receiver?.close());

  it('gives a known device its options, keeps its punches and users, and resumes from its stamp', async () => {
    const { sink, state } = memorySink(['CQZ7232960466']);
    receiver = await startAdmsReceiver({ sink, port: 0 });
    const device = new AdmsDeviceSimulator({ serverUrl: receiver.url, serialNumber: 'CQZ7232960466' });

    const first = await device.handshake();
    expect(first.status).toBe(200);
    expect(first.options).toMatchObject({ ATTLOGStamp: '0', Realtime: '1', TimeZone: '5.5', TransFlag: 'TransData AttLog\tOpLog\tEnrollUser\tChgUser' });
    expect(Math.abs(device.serverDate!.getTime() - Date.now())).toBeLessThan(5_000);

    device.punch({ userId: '1042', time: '2026-03-02 08:59:12', state: 0, verify: 1 });
    device.punch({ userId: '7', time: '2026-03-02 09:01:00', state: 1, verify: 15 });
    expect(await device.uploadAttendance()).toEqual({ status: 200, body: 'OK: 2' });
    expect(await device.uploadUsers([{ userId: '1042', name: 'Zoë Ångström' }])).toEqual({ status: 200, body: 'OK' });

    expect([...state.punches.values()].map((punch) => [punch.userId, punch.deviceTime, punch.state])).toEqual([
      ['1042', '2026-03-02 08:59:12', 0],
      ['7', '2026-03-02 09:01:00', 1],
    ]);
    expect(state.users).toEqual([{ userId: '1042', name: 'Zoë Ångström', privilege: 0, cardNumber: 0 }]);
    expect((await device.handshake()).options).toMatchObject({ ATTLOGStamp: '2', OPERLOGStamp: '1' });
  });

  it('counts malformed lines without losing the good ones', async () => {
    const { sink, state } = memorySink(['SN1']);
    receiver = await startAdmsReceiver({ sink, port: 0 });
    const device = new AdmsDeviceSimulator({ serverUrl: receiver.url, serialNumber: 'SN1' });
    device.punch({ userId: '5', time: '2026-03-02 08:00:00', state: 0, verify: 1 });
    const answer = await device.uploadAttendance(0, ['not a punch', '6\t2026-13-01 08:00:00\t0\t1']);
    expect(answer).toEqual({ status: 200, body: 'OK: 1' });
    expect(state.punches.size).toBe(1);
    expect(state.malformed).toEqual(['2: line 2: "" is not a date and time such as 2026-03-01 08:30:00']);
  });

  it('gives an unknown device nothing and lists it for approval', async () => {
    const { sink, state } = memorySink([]);
    receiver = await startAdmsReceiver({ sink, port: 0 });
    const device = new AdmsDeviceSimulator({ serverUrl: receiver.url, serialNumber: 'STRANGER1' });
    device.punch({ userId: '1', time: '2026-03-02 08:00:00', state: 0, verify: 1 });
    expect((await device.handshake()).status).toBe(403);
    expect((await device.uploadAttendance()).status).toBe(403);
    expect(state.punches.size).toBe(0);
    expect(state.requests.map((request) => request.serialNumber)).toEqual(['STRANGER1', 'STRANGER1']);
  });

  it('refuses uploads over the size limit', async () => {
    const { sink } = memorySink(['SN1']);
    receiver = await startAdmsReceiver({ sink, port: 0, bodyLimitBytes: 1024 });
    const device = new AdmsDeviceSimulator({ serverUrl: receiver.url, serialNumber: 'SN1' });
    for (let i = 0; i < 100; i++) device.punch({ userId: String(i), time: '2026-03-02 08:00:00', state: 0, verify: 1 });
    expect((await device.uploadAttendance()).status).toBe(413);
  });
});

describe('TimeZone option', () => {
  it('is the zone offset in hours at that moment, DST included', () => {
    expect(utcOffsetHours('Asia/Kolkata', new Date('2026-01-15T00:00:00Z'))).toBe(5.5);
    expect(utcOffsetHours('Europe/Berlin', new Date('2026-01-15T00:00:00Z'))).toBe(1);
    expect(utcOffsetHours('Europe/Berlin', new Date('2026-07-15T00:00:00Z'))).toBe(2);
    expect(utcOffsetHours('America/New_York', new Date('2026-01-15T00:00:00Z'))).toBe(-5);
  });

  it('is sent in minutes to a terminal whose firmware reads minutes', () => {
    const january = new Date('2026-01-15T00:00:00Z');
    expect(timeZoneOption({ zone: 'Asia/Kolkata', unit: 'hours' }, january)).toBe('5.5');
    expect(timeZoneOption({ zone: 'Asia/Kolkata', unit: 'minutes' }, january)).toBe('330');
    expect(timeZoneOption({ zone: 'America/St_Johns', unit: 'minutes' }, january)).toBe('-210');
    expect(timeZoneOption({ zone: 'UTC', unit: 'minutes' }, january)).toBe('0');
  });
});
