import { describe, expect, it } from 'vitest';
import type { PunchQuery } from '../../../../app/api/contract';
import { createFixtureApi } from '../../testing/fixture-api';
import { PunchPageCache } from './page-cache';

function cacheOver(count: number, maxPages = 3) {
  const api = createFixtureApi({ punchCount: count });
  const requests: PunchQuery[] = [];
  let changes = 0;
  const cache = new PunchPageCache({
    pageSize: 100,
    maxPages,
    fetchPage: (offset, limit) => {
      requests.push({ offset, limit });
      return api.queryPunches({ offset, limit });
    },
    onChange: () => changes++,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { cache, requests, settle, changes: () => changes };
}

describe('PunchPageCache', () => {
  it('loads only the pages the visible rows are on', async () => {
    const { cache, requests, settle, changes } = cacheOver(1000);
    cache.ensureRange(0, 30);
    await settle();
    expect(requests).toEqual([{ offset: 0, limit: 100 }]);
    expect(cache.total).toBe(1000);
    expect(cache.getRow(30)?.id).toBe(31);
    expect(cache.getRow(130)).toBeUndefined();
    expect(changes()).toBe(1);

    cache.ensureRange(90, 130);
    cache.ensureRange(90, 130);
    await settle();
    expect(requests.map((r) => r.offset)).toEqual([0, 100]);
    expect(cache.getRow(130)?.id).toBe(131);
  });

  it('keeps memory bounded while scrolling through every row', async () => {
    const { cache, settle } = cacheOver(10_000, 3);
    for (let first = 0; first < 10_000; first += 50) {
      cache.ensureRange(first, first + 40);
      await settle();
      expect(cache.loadedPages).toBeLessThanOrEqual(3);
    }
    expect(cache.getRow(9_999)?.id).toBe(10_000);
    expect(cache.getRow(0)).toBeUndefined();
  });

  it('does not ask for pages past the end', async () => {
    const { cache, requests, settle } = cacheOver(150);
    cache.ensureRange(0, 10);
    await settle();
    cache.ensureRange(140, 400);
    await settle();
    expect(requests.map((r) => r.offset)).toEqual([0, 100]);
  });

  it('keeps the error to show and ignores answers after dispose', async () => {
    let fail = true;
    const cache = new PunchPageCache({
      pageSize: 10,
      maxPages: 2,
      fetchPage: async () => {
        if (fail) throw new Error('The service stopped');
        return { rows: [], total: 0 };
      },
      onChange: () => undefined,
    });
    cache.ensureRange(0, 5);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((cache.error as Error).message).toBe('The service stopped');
    fail = false;
    cache.dispose();
    cache.ensureRange(0, 5);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.total).toBeNull();
  });

  it('refresh fetches the rows on screen again and keeps them shown meanwhile', async () => {
    const { cache, requests, settle } = cacheOver(1000);
    cache.ensureRange(0, 30);
    await settle();
    cache.ensureRange(150, 180);
    await settle();
    requests.length = 0;
    cache.refresh();
    expect(cache.getRow(160)?.id).toBe(161);
    expect(cache.getRow(10)).toBeUndefined();
    await settle();
    expect(requests.map((r) => r.offset)).toEqual([100]);
    expect(cache.getRow(160)?.id).toBe(161);
  });
});
