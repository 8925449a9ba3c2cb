import { afterEach, describe, expect, it } from 'vitest';
import { startErpnextSimulator, type ErpnextSimulator } from './index';
import { HRMS_PATH, getJson, postJson, request } from './test-support';

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
