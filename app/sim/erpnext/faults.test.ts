import { afterEach, describe, expect, it } from 'vitest';
import { startErpnextSimulator, type ApiUser, type ErpnextSimulator } from './index';
import { HRMS_PATH, JSON_HEADERS, getJson, postJson, request } from './test-support';

describe('fault switches', () => {
  let sim: ErpnextSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const loggedUser = (started: ErpnextSimulator) => getJson(`${started.url}/api/method/frappe.auth.get_logged_user`);

  it('delays answers by latencyMs', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { latencyMs: 120 } });
    const started = performance.now();
    expect((await loggedUser(sim)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('answers the same share of 500s for the same seed', async () => {
    const statuses = async () => {
      const started = await startErpnextSimulator({ employees: 1, seed: 7, faults: { failureRate: 0.5 } });
      const seen: number[] = [];
      for (let attempt = 0; attempt < 20; attempt += 1) seen.push((await loggedUser(started)).status);
      await started.close();
      return seen;
    };
    const first = await statuses();
    expect(first).toEqual(await statuses());
    expect(first.filter((status) => status === 500).length).toBeGreaterThan(3);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(3);
    expect(new Set(first)).toEqual(new Set([200, 500]));
  });

  it('answers 500 with OperationalError as JSON, or an HTML page in v13 mode without Accept JSON', async () => {
    sim = await startErpnextSimulator({ version: 13, employees: 1, faults: { failureRate: 1 } });
    const json = await loggedUser(sim);
    expect(json.status).toBe(500);
    expect(json.json.exc_type).toBe('OperationalError');
    const html = await request(`${sim.url}/api/method/frappe.auth.get_logged_user`);
    expect(html.status).toBe(500);
    expect(html.text).toContain('<title>Server Error</title>');
  });

  it('answers 429 with Retry-After once the window is used up, and recovers when switched off', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { rateLimit: { requests: 3, windowMs: 60_000 } } });
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await loggedUser(sim)).status).toBe(200);
    const limited = await loggedUser(sim);
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('Too Many Requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    sim.setFaults({ rateLimit: null });
    expect((await loggedUser(sim)).status).toBe(200);
  });

  it('answers 503 "Updating" pages in maintenance', async () => {
    sim = await startErpnextSimulator({ employees: 1 });
    sim.setFaults({ maintenance: true });
    const answer = await loggedUser(sim);
    expect(answer.status).toBe(503);
    expect(answer.text).toContain('The system is being updated. Please refresh again after a few moments.');
  });

  it('hangs without answering until close(), and counts the request', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { hang: true } });
    let settled = false;
    const pending = postJson(`${sim.url}${HRMS_PATH}`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00' }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    expect(sim.requestCount).toBe(1);
    expect(sim.checkinCallCount).toBe(0);
    await sim.close();
    sim = undefined;
    await expect(pending).rejects.toThrow();
  });

  it('drops the connection mid-request', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { dropConnections: true } });
    await expect(loggedUser(sim)).rejects.toThrow();
    sim.setFaults({ dropConnections: false });
    expect((await loggedUser(sim)).status).toBe(200);
  });
});

describe('commits and answers that go wrong', () => {
  let sim: ErpnextSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const punch = { employee_field_value: '1', timestamp: '2026-03-14 08:00:00', log_type: 'IN' };
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('commit late: a resend while the first insert is uncommitted passes the duplicate check, and both commit', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { slowCommits: { share: 1, delayMs: 1000 } } });
    const started = sim;
    const first = postJson(`${started.url}${HRMS_PATH}`, punch);
    await until(() => started.checkinCallCount === 1);
    expect(started.checkins).toHaveLength(0);
    const resend = postJson(`${started.url}${HRMS_PATH}`, punch);
    const answers = await Promise.all([first, resend]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(started.checkins.map((checkin) => checkin.time)).toEqual(['2026-03-14 08:00:00', '2026-03-14 08:00:00']);
    // Once committed, the next resend meets the duplicate check.
    expect((await postJson(`${started.url}${HRMS_PATH}`, punch)).status).toBe(417);
  });

  it('a commit past the worker timeout is killed and rolled back, and the proxy answers 502', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { slowCommits: { share: 1, delayMs: 60_000 }, workerTimeoutMs: 50 } });
    const answer = await postJson(`${sim.url}${HRMS_PATH}`, punch);
    expect(answer.status).toBe(502);
    expect(answer.text).toContain('<title>502 Bad Gateway</title>');
    expect(sim.checkins).toHaveLength(0);
  });

  it.each([
    ['bad-gateway', 502],
    ['gateway-timeout', 504],
  ] as const)('commit, then answer %s from the proxy: the checkin is there all the same', async (as, status) => {
    sim = await startErpnextSimulator({ employees: 1, faults: { lostAnswers: { share: 1, as } } });
    const answer = await postJson(`${sim.url}${HRMS_PATH}`, punch);
    expect(answer.status).toBe(status);
    expect(answer.text).toContain('nginx');
    expect(sim.checkins).toHaveLength(1);
  });

  it('commit, then reset the connection: the client gets no answer, the checkin is there', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { lostAnswers: { share: 1, as: 'reset' } } });
    await expect(postJson(`${sim.url}${HRMS_PATH}`, punch)).rejects.toThrow();
    expect(sim.checkins).toHaveLength(1);
  });

  it('with `first`, only that many answers are lost: the first trapped save goes unanswered, the next is answered', async () => {
    const kiosk: ApiUser = { apiKey: 'kiosk-key', apiSecret: 'kiosk-secret', user: 'kiosk@example.com', roles: ['Employee'] };
    sim = await startErpnextSimulator({ employees: 2, users: [kiosk], faults: { lostAnswers: { share: 1, as: 'reset', first: 1 } } });
    const headers = { ...JSON_HEADERS, Authorization: 'token kiosk-key:kiosk-secret' };
    await expect(postJson(`${sim.url}${HRMS_PATH}`, punch, headers)).rejects.toThrow();
    const answered = await postJson(`${sim.url}${HRMS_PATH}`, { ...punch, employee_field_value: '2' }, headers);
    expect(answered.status).toBe(200);
    expect(sim.checkins).toHaveLength(2);
    // Both saved at the server's own time, not the punch's: the time trap.
    expect(sim.checkins.map((checkin) => checkin.time)).not.toContain(punch.timestamp);
  });

  it('commit, then never answer: the request hangs until the client gives up', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { lostAnswers: { share: 1, as: 'timeout' } } });
    const answer = postJson(`${sim.url}${HRMS_PATH}`, punch);
    const started = sim;
    await until(() => started.checkins.length === 1);
    await sim.close();
    sim = undefined;
    await expect(answer).rejects.toThrow();
  });

  it('something in front of Frappe answers with a redirect, a 408 or its own page', async () => {
    sim = await startErpnextSimulator({ employees: 1, faults: { frontAnswer: { status: 301, location: 'https://erp.example.com/' } } });
    const redirected = await request(`${sim.url}/api/method/ping`, { redirect: 'manual' });
    expect(redirected.status).toBe(301);
    expect(redirected.headers.get('location')).toBe('https://erp.example.com/');
    sim.setFaults({ frontAnswer: { status: 403, html: '<html><title>Attention Required! | Cloudflare</title></html>' } });
    const blocked = await postJson(`${sim.url}${HRMS_PATH}`, punch);
    expect(blocked.status).toBe(403);
    expect(blocked.text).toContain('Cloudflare');
    expect(sim.checkinCallCount).toBe(0);
  });
});

describe('test routes', () => {
  it('exposes stored checkins only when asked to', async () => {
    const hidden = await startErpnextSimulator({ employees: 1 });
    expect((await request(`${hidden.url}/__sim/checkins`)).status).toBe(404);
    await hidden.close();
    const exposed = await startErpnextSimulator({ employees: 1, exposeTestRoutes: true });
    await postJson(`${exposed.url}${HRMS_PATH}`, { employee_field_value: '1', timestamp: '2026-03-14 08:00:00' });
    const answer = await request(`${exposed.url}/__sim/checkins`);
    expect(answer.json.data).toEqual([expect.objectContaining({ employee: 'HR-EMP-00001', time: '2026-03-14 08:00:00' })]);
    expect(exposed.checkinCallCount).toBe(1);
    await exposed.close();
  });
});
