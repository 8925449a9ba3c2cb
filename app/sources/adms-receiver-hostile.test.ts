// The ADMS port faces the whole office LAN: forged, malformed and flooding requests, through the
// real HTTP door.
import { afterEach, describe, expect, it } from 'vitest';
import { startAdmsReceiver, type AdmsReceiver, type AdmsReceiverOptions } from './adms-receiver';
import { memoryAdmsSink } from './adms-test-support';

let receiver: AdmsReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function start(options: Partial<AdmsReceiverOptions> & Pick<AdmsReceiverOptions, 'sink'>) {
  receiver = await startAdmsReceiver({ port: 0, ...options });
  return receiver;
}

async function call(path: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const response = await fetch(`${receiver!.url}${path}`, init);
  return { status: response.status, body: await response.text() };
}

const post = (path: string, body: string) => call(path, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } });

describe('ADMS stamps', () => {
  it('refuses a Stamp that is not a number, so nothing can be written into the next handshake', async () => {
    const { sink, state } = memoryAdmsSink(['SN1']);
    await start({ sink });
    const answer = await post('/iclock/cdata?SN=SN1&table=ATTLOG&Stamp=99%0D%0ADelay=86400', '5\t2026-03-02 08:00:00\t0\t1');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/Stamp must be a number/);
    expect(state.stamps.size).toBe(0);
    const handshake = await call('/iclock/cdata?SN=SN1&options=all');
    expect(handshake.body).not.toMatch(/Delay=86400/);
    expect(handshake.body).toMatch(/^ATTLOGStamp=0\r$/m);
  });

  it('keeps a numeric Stamp and hands it back', async () => {
    const { sink } = memoryAdmsSink(['SN1']);
    await start({ sink });
    expect((await post('/iclock/cdata?SN=SN1&table=ATTLOG&Stamp=9999', '5\t2026-03-02 08:00:00\t0\t1')).status).toBe(200);
    expect((await call('/iclock/cdata?SN=SN1&options=all')).body).toMatch(/^ATTLOGStamp=9999\r$/m);
  });

  it('never hands a stored stamp that is not a number back to a terminal', async () => {
    const { sink, state } = memoryAdmsSink(['SN1']);
    state.stamps.set('SN1/ATTLOG', '1\r\nDelay=86400');
    await start({ sink });
    const handshake = await call('/iclock/cdata?SN=SN1&options=all');
    expect(handshake.body).not.toMatch(/Delay=86400/);
    expect(handshake.body).toMatch(/^ATTLOGStamp=0\r$/m);
  });
});

describe('ADMS query parameters', () => {
  it.each(['SN=SN1&SN=SN2', 'SN=SN1&table=ATTLOG&table=OPERLOG', 'SN=SN1&table=ATTLOG&Stamp=1&Stamp=2', 'SN=SN1&table=ATTLOG&pushcommkey=1&pushcommkey=2'])('answers 400 to a repeated parameter (%s)', async (query) => {
    const { sink, state } = memoryAdmsSink(['SN1']);
    await start({ sink });
    const answer = await post(`/iclock/cdata?${query}`, '5\t2026-03-02 08:00:00\t0\t1');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/given more than once/);
    expect(state.punches.size).toBe(0);
  });

  it('refuses a serial number no terminal has: a newline, or kilobytes of it', async () => {
    const { sink, state } = memoryAdmsSink([]);
    await start({ sink });
    const newline = await call(`/iclock/cdata?SN=${encodeURIComponent('X\n2026-12-01T00:00:00.000Z INFO  [sync] forged')}&options=all`);
    expect(newline.status).toBe(400);
    expect((await call(`/iclock/cdata?SN=${'A'.repeat(8192)}&options=all`)).status).toBe(400);
    expect(state.requests).toEqual([]);
  });
});

describe('ADMS failures', () => {
  it('answers 500 without the database error that caused it', async () => {
    const { sink } = memoryAdmsSink(['SN1']);
    sink.savePunches = () => {
      throw new Error('SQLITE_CONSTRAINT: NOT NULL constraint failed: punches.device_serial (CREATE TABLE punches ...)');
    };
    await start({ sink });
    const answer = await post('/iclock/cdata?SN=SN1&table=ATTLOG', '5\t2026-03-02 08:00:00\t0\t1');
    expect(answer.status).toBe(500);
    expect(answer.body).not.toMatch(/SQL|punches|constraint|TABLE/i);
  });
});

describe('unapproved ADMS traffic', () => {
  it('is refused without a trace once one address sends too much, and reported in one summary line', async () => {
    const { sink, state } = memoryAdmsSink([]);
    let now = new Date('2026-03-02T08:00:00Z');
    await start({ sink, now: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await call(`/iclock/cdata?SN=ROTATING${i}&options=all`)).status);
    expect(statuses.filter((status) => status === 403).length).toBeLessThanOrEqual(30);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(170);
    // Only the admitted requests reached the journal (and its log).
    expect(state.requests.length).toBeLessThanOrEqual(30);
    expect(state.strangerSummaries).toEqual([]);

    now = new Date('2026-03-02T08:01:01Z');
    expect((await call('/iclock/cdata?SN=ROTATING999&options=all')).status).toBe(403);
    expect(state.strangerSummaries).toHaveLength(1);
    expect(state.strangerSummaries[0]).toMatch(/^1\d\d from (::ffff:)?127\.0\.0\.1$/);
  });

  it('does not hold back an approved terminal behind the same address', async () => {
    const { sink } = memoryAdmsSink(['GOOD1']);
    await start({ sink, now: () => new Date('2026-03-02T08:00:00Z') });
    for (let i = 0; i < 60; i++) await call(`/iclock/cdata?SN=STRANGER${i}&options=all`);
    expect((await post('/iclock/cdata?SN=GOOD1&table=ATTLOG&Stamp=1', '5\t2026-03-02 08:00:00\t0\t1')).status).toBe(200);
  });
});
