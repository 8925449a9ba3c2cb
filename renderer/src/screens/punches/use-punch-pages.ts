import { useEffect, useMemo, useReducer } from 'react';
import type { PunchExport } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { PunchPageCache } from './page-cache';

export const PAGE_SIZE = 200;
const MAX_PAGES = 12;

/** A page cache for the current filters; a new one whenever the filters or the data version change. */
export function usePunchPages(query: PunchExport, version: number): PunchPageCache {
  const backend = useBackend();
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  // The version is part of the key: it starts the list over after retries, syncs and mappings.
  const key = JSON.stringify({ query, version });
  const cache = useMemo(() => {
    const { query: current } = JSON.parse(key) as { query: PunchExport };
    return new PunchPageCache({
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      fetchPage: (offset, limit) => backend.queryPunches({ ...current, offset, limit }),
      onChange: rerender,
    });
  }, [backend, key]);
  useEffect(() => {
    // The first page tells the table how many rows there are; the table asks for the rest.
    cache.ensureRange(0, PAGE_SIZE - 1);
    return () => cache.dispose();
  }, [cache]);
  return cache;
}
